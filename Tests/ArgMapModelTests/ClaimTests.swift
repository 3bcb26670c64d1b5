import Testing
@testable import ArgMapModel

/// A claim's tags, sources, note, section and data live in a box that only claims with any of
/// them allocate; a claim with one datum and nothing else gets the smallest box.
@Suite struct ClaimExtrasTests {
    static let tagsChoices: [[String]] = [[], ["evidence"]]
    static let sourcesChoices: [[Source]] = [[], [Source(citation: "EDM", date: "2019-10-03")]]
    static let noteChoices: [String?] = [nil, "see the article"]
    static let sectionChoices: [String?] = [nil, "Reasons"]
    static let dataChoices: [[DataEntry]] = [
        [], [DataEntry(key: "aif", value: .string("119404"))],
        [DataEntry(key: "speech", value: .string("1AC")), DataEntry(key: "magnitude", value: .number(3))],
    ]

    @Test func everyMixOfExtrasReadsBackAsWritten() {
        for tags in Self.tagsChoices { for sources in Self.sourcesChoices { for note in Self.noteChoices {
            for section in Self.sectionChoices { for data in Self.dataChoices {
                let made = Claim(id: "a", text: "A", tags: tags, sources: sources, note: note, section: section, data: data)
                var set = Claim(id: "a", text: "A")
                set.data = data
                set.section = section
                set.note = note
                set.sources = sources
                set.tags = tags
                for claim in [made, set] {
                    #expect(claim.tags == tags && claim.sources == sources && claim.note == note)
                    #expect(claim.section == section && claim.data == data)
                    #expect(claim.isPlain == (tags.isEmpty && sources.isEmpty && note == nil && section == nil && data.isEmpty))
                    for key in ["aif", "speech", "magnitude", "part"] {
                        #expect(claim.dataValue(key) == data.first(where: { $0.key == key })?.value, "\(key) of \(data)")
                    }
                }
                #expect(made == set)
                let oneDatumOnly = data.count == 1 && tags.isEmpty && sources.isEmpty && note == nil && section == nil
                #expect((made.extras is Claim.OneDatum) == oneDatumOnly, "\(data) \(tags) \(sources) \(String(describing: note)) \(String(describing: section))")
            } }
        } } }
    }

    @Test func aClaimWithOneDatumChangesLikeAnyOther() {
        var claim = Claim(id: "a", text: "A")
        claim.setData("aif", .string("7"))
        #expect(claim.extras is Claim.OneDatum)
        #expect(claim != Claim(id: "a", text: "A") && claim == Claim(id: "a", text: "A", data: [DataEntry(key: "aif", value: .string("7"))]))
        #expect(claim != Claim(id: "a", text: "A", data: [DataEntry(key: "aif", value: .string("8"))]))
        claim.setData("aif", .string("8"))
        #expect(claim.dataValue("aif") == .string("8") && claim.data.count == 1)
        claim.setData("speech", .string("2NC"))
        #expect(claim.data == [DataEntry(key: "aif", value: .string("8")), DataEntry(key: "speech", value: .string("2NC"))])
        #expect(!(claim.extras is Claim.OneDatum))
        claim.setData("aif", nil)
        #expect(claim.data == [DataEntry(key: "speech", value: .string("2NC"))] && claim.extras is Claim.OneDatum)
        claim.tags = ["x"]
        #expect(!(claim.extras is Claim.OneDatum) && claim.dataValue("speech") == .string("2NC"))
        claim.tags = []
        claim.setData("speech", nil)
        #expect(claim.isPlain && claim.data.isEmpty && claim.dataValue("speech") == nil)
    }
}
