import Testing
@testable import ArgMapModel

/// ``Parallel/Crew`` runs every chunk of each stage once, and a stage only after every chunk
/// of the one before is done, however the helper thread is scheduled.
struct ParallelTests {
    @Test func aCrewsStagesFollowOneAnother() {
        let n = 8_000, chunks = Parallel.pieces(0..<n, 8)
        let x = UnsafeMutablePointer<Int>.allocate(capacity: n), y = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { x.deallocate(); y.deallocate() }
        x.initialize(repeating: 0, count: n)
        y.initialize(repeating: 1, count: n)
        // Each stage adds what the last wrote, read across the chunks: a chunk run twice, or
        // before the stage before it ends, or not at all, leaves other numbers.
        var ex = [Int](repeating: 0, count: n), ey = [Int](repeating: 1, count: n)
        let shared = Parallel.Unchecked((x, y))
        let crew = Parallel.Crew(chunks: chunks.count) { kind, chunk in
            let (x, y) = shared.value
            for i in chunks[chunk] {
                if kind == 1 { x[i] = (x[i] + y[(i + 4_001) % n]) % 1_000_003 } else { y[i] = (y[i] + 2 * x[(i * 7 + 13) % n]) % 1_000_003 }
            }
        }
        for step in 0..<400 {
            let kind = step % 2 == 0 ? 1 : 2
            crew.run(kind)
            for i in 0..<n {
                if kind == 1 { ex[i] = (ex[i] + ey[(i + 4_001) % n]) % 1_000_003 }
            }
            if kind == 2 { for i in 0..<n { ey[i] = (ey[i] + 2 * ex[(i * 7 + 13) % n]) % 1_000_003 } }
            guard (0..<n).allSatisfy({ x[$0] == ex[$0] && y[$0] == ey[$0] }) else {
                Issue.record("stage \(step) differs")
                break
            }
        }
        crew.finish()
    }
}
