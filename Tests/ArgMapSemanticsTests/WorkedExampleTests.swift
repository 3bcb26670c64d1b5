import Foundation
import Testing
import ArgMapModel
@testable import ArgMapSemantics

/// The worked examples from the literature (Fixtures/semantics-examples.json): every
/// semantics, every case, to 1e-12 on acyclic maps and 1e-8 on cyclic ones.
struct WorkedExampleTests {
    struct Case: CustomStringConvertible {
        var name: String
        var map: ArgumentMap
        var expected: [String: Any?]
        var description: String { name }
    }

    static func loadCases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/semantics-examples.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var cases: [Case] = []
        for c in root["cases"] as! [[String: Any]] {
            let input = c["input"] as! [String: Any]
            var map = ArgumentMap()
            for a in input["args"] as! [[String: Any]] {
                try map.apply(.addClaim(Claim(id: a["id"] as! String, base: (a["base"] as! NSNumber).doubleValue)))
            }
            for pair in input["attacks"] as? [[String]] ?? [] {
                try map.apply(.link(RelationSpec(from: pair[0], to: pair[1], type: .attack)))
            }
            for pair in input["supports"] as? [[String]] ?? [] {
                try map.apply(.link(RelationSpec(from: pair[0], to: pair[1], type: .support)))
            }
            let expected = c["expected"] as! [String: Any]
            cases.append(Case(name: c["name"] as! String, map: map, expected: expected.mapValues { $0 is NSNull ? nil : $0 }))
        }
        return cases
    }

    @Test("every worked example under every semantics", arguments: Semantics.allCases)
    func workedExamples(_ semantics: Semantics) throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 6)
        for c in cases {
            let result = Evaluator.evaluate(c.map, semantics)
            guard let expectedAny = c.expected[semantics.rawValue], let expected = expectedAny else {
                #expect(!result.converged, "\(c.name): \(semantics) should be undefined here")
                continue
            }
            #expect(result.converged, "\(c.name): \(semantics) did not converge: \(result.note ?? "")")
            let tolerance = result.cyclic ? 1e-8 : 1e-12
            for (id, value) in expected as! [String: Any] {
                let i = try #require(c.map.index(of: id))
                if let label = value as? String {
                    #expect(result.labels?[i].rawValue == label, "\(c.name) \(id): \(semantics)")
                    // A label's score, wherever a score is asked for: in 1, out 0, undecided ½.
                    let score: Double = label == "in" ? 1 : label == "out" ? 0 : 0.5
                    #expect(result.scores[i] == score, "\(c.name) \(id): \(semantics) scored \(label) \(result.scores[i])")
                } else {
                    let want = (value as! NSNumber).doubleValue
                    #expect(abs(result.scores[i] - want) <= tolerance, "\(c.name) \(id): \(semantics) gave \(result.scores[i]), expected \(want)")
                }
            }
        }
    }
}
