import Testing
@testable import ArgMapFormats
import ArgMapModel

/// Malformed files: each gets a located error, rendered as FILE:LINE:COL, the line and a caret,
/// and loads nothing.
struct ArgdownErrorTests {
    @Test func caretUnderTheSpotOnNonASCIIInput() {
        let rendered = errors("[Пивот]: Поворот на восток\n  + [Магадан]: порт {base: 7}\n", file: "pivot.argdown")
        #expect(rendered == """
            pivot.argdown:2:21: error: base must be a number from 0 to 1, not 7
              + [Магадан]: порт {base: 7}
                                ^
            hint: write for example {base: 0.7}; 0.5 is the default
            """)
    }

    @Test func valuesOutOfRange() {
        #expect(errors("[A]: a\n  + [B]: b {weight: -1}").contains("test.argdown:2:12: error: weight must be a number from 0 to 1, not -1"))
        #expect(errors("[A]: a {base: .nan}").contains("base must be a number from 0 to 1, not .nan"))
        #expect(errors("[A]: a {base: high}").contains("base must be a number from 0 to 1, not high"))
        #expect(errors("[A]: a {weight: 0.5}").contains("weight belongs to a relation"))
    }

    @Test func structureErrors() {
        #expect(errors("a\n\n    + b").contains("test.argdown:3:5: error: a relation cannot follow an empty line"))
        #expect(errors("+ b").contains("1:1: error: this relation has no claim above it"))
        #expect(errors("[A]: a\n  + [B]: b\n  - [B]").contains("3:3: error: 'B' both supports and attacks 'A'"))
        #expect(errors("[A]: a\n  ><  [B]: b").contains("contradictions (><) are outside argmap's subset"))
        #expect(errors("[A]: a\n  + ").contains("this relation names no claim"))
        #expect(errors("[A]: a\n[A] more text").contains("text after a reference"))
        #expect(errors("[X]: x\n<X>: y").contains("'X' names both a statement and an argument"))
        #expect(errors("[A]: a {base: 0.5").contains("never closed with '}'"))
        #expect(errors("===\ntitle: x\n").contains("1:1: error: the frontmatter opened here is never closed"))
        #expect(errors("===\ntitle: x\nauthor: y\ntitle: \"z\n===\n[A]: a").contains("4:1: error: the frontmatter has a second title (the first is on line 2)"))
        #expect(errors("[A]: a /* never closed").contains("1:8: error: the comment opened here with /* is never closed"))
        // Written at the left margin, <- b> would read as an attack (found by the fuzzer).
        #expect(errors("[A]: a\n  + <- b>: an argument").contains("2:5: error: '- b' cannot be a title: an id cannot start with +, - or _ followed by a space"))
    }

    @Test func constructsOutsideTheSubsetAreRefusedByLine() {
        let rendered = errors("<Arg>\n\n(1) premise\n(2) premise\n----\n(3) conclusion\n")
        #expect(rendered.hasPrefix("test.argdown:3:1: error: premise–conclusion structures are outside argmap's subset of Argdown"))
        // The rest of the refused block brings no cascade of further errors.
        #expect(rendered.components(separatedBy: "error:").count == 2)
        #expect(errors("  * item").contains("1:3: error: lists are outside argmap's subset"))
        #expect(errors("1. item").contains("numbered lists are outside argmap's subset"))
    }

    @Test func aFileWithErrorsReportsAllOfThem() {
        let rendered = errors("[A]: a {base: 2}\n\n[B]: b {base: 3}\n")
        #expect(rendered.contains("1:8: error"))
        #expect(rendered.contains("3:8: error"))
    }
}
