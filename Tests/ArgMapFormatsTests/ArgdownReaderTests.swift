import Testing
@testable import ArgMapFormats
import ArgMapModel

/// What the Argdown reader accepts, element by element, and the model it builds.
struct ArgdownReaderTests {
    @Test func statementsArgumentsAndReferences() throws {
        let map = try load("""
            [T]: The thesis.
              + <A>: An argument
                for it.
              - [B]: An objection.
            
            [B]
              - [C]: Answer to B.
            """)
        #expect(map.claims.map(\.id) == ["T", "A", "B", "C"])
        #expect(map.claim("A")?.kind == .argument)
        #expect(map.claim("A")?.text == "An argument for it.")
        #expect(map.claim("B")?.text == "An objection.")
        #expect(Set(map.relationSpecs) == [
            RelationSpec(from: "A", to: "T", type: .support),
            RelationSpec(from: "B", to: "T", type: .attack),
            RelationSpec(from: "C", to: "B", type: .attack),
        ])
    }

    @Test func everyRelationSymbol() throws {
        let map = try load("""
            [P]: parent
              + [a]: a
              <+ [b]: b
              - [c]: c
              <- [d]: d
              +> [e]: e
              -> [f]: f
              _ <g>: g
              <_ <h>: h
              _> <i>: i
            """)
        let specs = Set(map.relationSpecs)
        #expect(specs == [
            RelationSpec(from: "a", to: "P", type: .support), RelationSpec(from: "b", to: "P", type: .support),
            RelationSpec(from: "c", to: "P", type: .attack), RelationSpec(from: "d", to: "P", type: .attack),
            RelationSpec(from: "P", to: "e", type: .support), RelationSpec(from: "P", to: "f", type: .attack),
            RelationSpec(from: "g", to: "P", type: .undercut), RelationSpec(from: "h", to: "P", type: .undercut),
            RelationSpec(from: "P", to: "i", type: .undercut),
        ])
    }

    @Test func dataTagsHeadingsFrontmatterComments() throws {
        let map = try load("""
            ===
            title: "A map"
            author: someone
            ===

            // a line comment
            # Section one

            [T]: The thesis #important #(two words) {base: 0.3, note: "why 0.3", speech: 1AC, sources: [{citation: "Book", date: "2020", url: "https://example.org/x"}]}
              /* a block
                 comment */
              - [X]: Objection <!-- inline --> here. {weight: 0.25}
            """)
        #expect(map.title == "A map")
        #expect(map.frontmatter == "author: someone")
        let t = try #require(map.claim("T"))
        #expect(t.text == "The thesis")
        #expect(t.tags == ["important", "two words"])
        #expect(t.base == 0.3)
        #expect(t.note == "why 0.3")
        #expect(t.sources == [Source(citation: "Book", date: "2020", url: "https://example.org/x")])
        #expect(t.dataValue("speech") == .string("1AC"))
        #expect(t.section == "Section one")
        #expect(map.claim("X")?.text == "Objection here.")
        #expect(map.relations.first?.weight == 0.25)
    }

    /// YAML allows an empty key when it is quoted; a bare one is still an error.
    @Test func aQuotedEmptyDataKey() throws {
        let map = try load("[T]: The thesis {\"\": 0.6, plain: x}")
        #expect(map.claim("T")?.dataValue("") == .number(0.6))
        #expect(try load(ArgdownFormat.write(map)) == map)
        #expect(throws: LoadFailure.self) { try ArgdownFormat.read("[T]: The thesis {: 0.6}") }
    }

    @Test func crlfAndUntitledStatementsAndURLs() throws {
        let map = try load("Untitled thesis about http://example.org/a\r\n  + Untitled reason\r\n  - Untitled reason\r\n")
        #expect(map.count == 3)
        #expect(map.claims[0].id == "untitled-thesis-about-http-example")
        #expect(map.claims[0].text == "Untitled thesis about http://example.org/a")
        // Identical untitled text makes two statements, as in Argdown.
        #expect(map.claims[1].id == "untitled-reason")
        #expect(map.claims[2].id == "untitled-reason-2")
    }

    @Test func aClaimWithTwoParentsAndMixedStances() throws {
        let map = try load("""
            [P]: first parent
              + [shared]: supports one
            [Q]: second parent
              - [shared] {weight: 0.5}
            """)
        #expect(map.count == 3)
        #expect(Set(map.relationSpecs) == [
            RelationSpec(from: "shared", to: "P", type: .support),
            RelationSpec(from: "shared", to: "Q", type: .attack, weight: 0.5),
        ])
    }

    @Test func escapesInText() throws {
        let map = try load(##"[T]: Issue \#5 costs \{a lot\} and a\/\/b \<!-- not a comment"##)
        #expect(map.claim("T")?.text == "Issue #5 costs {a lot} and a//b <!-- not a comment")
        #expect(map.claim("T")?.tags == [])
    }

    @Test func laterDefinitionWinsWithAWarning() throws {
        let (map, warnings) = try ArgdownFormat.read("[A]: first\n\n[A]: second\n")
        #expect(map.claim("A")?.text == "second")
        #expect(warnings.count == 1)
        #expect(warnings[0].severity == .warning)
    }
}
