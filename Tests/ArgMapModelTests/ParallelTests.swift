import Testing
@testable import ArgMapModel

import Glibc
import Synchronization

/// ``Parallel/Crew`` runs every chunk of each stage once, and a stage only after every chunk
/// of the one before is done, however the helper thread is scheduled; ``Parallel/Relay``
/// follows every item made once, in order, and only once it is published;
/// ``Parallel/makeAndHandle(chunk:atOnce:make:handle:)`` handles every chunk of the items made
/// once, each only once its items are published.
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

    /// A crew whose helper keeps the calling thread waiting (here each chunk the helper takes
    /// takes 2 ms) lets it go once the waits add up to ``Parallel/Crew/patience`` and number
    /// ``Parallel/Crew/patientWaits``, and the calling thread does every chunk after that
    /// itself: each chunk still runs once a stage.
    @Test func aCrewLetsASlowHelperGo() {
        final class Counts: @unchecked Sendable {
            let runs = UnsafeMutablePointer<Int>.allocate(capacity: 8)
            let byHelper = Atomic<Int>(0)
            let caller = pthread_self()
        }
        let counts = Counts()
        counts.runs.initialize(repeating: 0, count: 8)
        defer { counts.runs.deallocate() }
        let crew = Parallel.Crew(chunks: 8) { _, chunk in
            if pthread_equal(pthread_self(), counts.caller) == 0 {
                counts.byHelper.add(1, ordering: .relaxed)
                usleep(2_000)
            }
            counts.runs[chunk] += 1
        }
        var stages = 0, helped = 0
        // (The helper starts when a core is free: in a test run, other tests may hold them.)
        while stages < 2_000 && !crew.alone {
            crew.run(1)
            stages += 1
            guard (0..<8).allSatisfy({ counts.runs[$0] == stages }) else {
                Issue.record("stage \(stages): a chunk was not run once")
                break
            }
            if stages % 50 == 0 { usleep(1_000) }
        }
        helped = counts.byHelper.load(ordering: .relaxed)
        // Each chunk the helper took kept the calling thread waiting once at most: a helper that
        // took fewer than ``Parallel/Crew/patientWaits`` (it started late, or other tests held
        // the cores after) cannot have been let go yet; one that took that many must have been.
        #expect(helped < Parallel.Crew.patientWaits || crew.alone, "the helper took \(helped) chunks, and was let go: \(crew.alone)")
        #expect(helped <= max(Int(Parallel.Crew.patience / Parallel.Crew.longWait), Parallel.Crew.patientWaits) + 1,
                "the helper took no more chunks than the patience allows")
        let before = helped
        for _ in 0..<20 { crew.run(1); stages += 1 }
        #expect((0..<8).allSatisfy { counts.runs[$0] == stages }, "each chunk runs once a stage after the helper is let go")
        #expect(counts.byHelper.load(ordering: .relaxed) == before || !crew.alone, "no chunk taken by the helper once it is let go")
        crew.finish()
    }

    /// A relay's follower reads each item after it is made, in order, once: each followed value
    /// is the item's own plus the one followed before it, so an item followed before it was
    /// written, out of order or not at all leaves other sums; and each item's visits are
    /// counted. Made quickly (the
    /// follower catching up and waiting), with a pause longer than the follower waits (it steps
    /// aside, and the maker follows the rest), and with a `meanwhile` that outlasts the making
    /// (the maker follows everything); with the other core's part run first on the maker's
    /// thread, as when no other core is free (the follower steps aside once it has waited);
    /// and given up on, which follows nothing more. The maker
    /// waits a while for the other core to start, so that it is there to follow where one is
    /// free (in a test run, the other tests may hold the cores).
    @Test(arguments: [0, 1, 2, 3, 4])
    func aRelayFollowsEveryItemOnceInOrder(_ mode: Int) {
        final class Started: Sendable { let flag = Atomic<Bool>(false) }
        let started = Started()
        let n = 200_000
        let made = UnsafeMutablePointer<Int>.allocate(capacity: n), sums = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let visits = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { made.deallocate(); sums.deallocate(); visits.deallocate() }
        made.initialize(repeating: -1, count: n)
        sums.initialize(repeating: -1, count: n)
        visits.initialize(repeating: 0, count: n)
        let shared = Parallel.Unchecked((made, sums, visits))
        var followedStretches = 0
        let (count, other) = Parallel.Relay.run(meanwhile: { () -> Int in
            started.flag.store(true, ordering: .releasing)
            if mode == 2 { usleep(300_000) }
            return 7
        }, make: { relay -> Int? in
            let (made, _, _) = shared.value
            for _ in 0..<2_000 where mode != 4 && !started.flag.load(ordering: .acquiring) { usleep(1_000) }
            for i in 0..<n {
                made[i] = i % 1_000 + 1
                if i % 64 == 63 { relay.publish(i + 1) }
                if mode == 1 && i == 100_000 { usleep(40_000) }
                if mode == 3 && i == n / 2 { return nil }
            }
            return n
        }, follow: { stretch in
            let (made, sums, visits) = shared.value
            followedStretches += 1
            for i in stretch {
                sums[i] = made[i] + (i > 0 ? sums[i - 1] : 0)
                visits[i] += 1
            }
        }, inTurn: mode == 4)
        #expect(other == 7)
        #expect(followedStretches > 0 || mode == 3)
        if mode == 3 {
            #expect(count == nil)
            // What was published before the maker gave up, at most, was followed.
            #expect((n / 2 + 1..<n).allSatisfy { sums[$0] == -1 })
            #expect((0..<n).allSatisfy { visits[$0] <= 1 })
            return
        }
        #expect(count == n)
        var expected = 0, wrong = 0
        for i in 0..<n {
            expected += i % 1_000 + 1
            if sums[i] != expected || visits[i] != 1 { wrong += 1 }
        }
        #expect(wrong == 0, "\(wrong) items followed wrongly")
    }

    /// Modes: 0 as it comes; 1 the maker stops for 40 ms half way (longer than the other core
    /// waits: it takes no more, and the maker handles the rest); 2 a count that is not a
    /// multiple of the chunk; 3 no item at all; 4 not at once (one chunk, on this thread).
    @Test(arguments: [0, 1, 2, 3, 4])
    func everyChunkIsHandledOnceAfterItsItemsAreMade(_ mode: Int) {
        let n = [200_000, 200_000, 200_003, 0, 50_000][mode], chunk = 4_096
        let made = UnsafeMutablePointer<Int>.allocate(capacity: max(n, 1)), seen = UnsafeMutablePointer<Int>.allocate(capacity: max(n, 1))
        let chunks = n / chunk + 2
        let handled = UnsafeMutablePointer<Int>.allocate(capacity: chunks)
        defer { made.deallocate(); seen.deallocate(); handled.deallocate() }
        made.initialize(repeating: -1, count: max(n, 1))
        seen.initialize(repeating: 0, count: max(n, 1))
        handled.initialize(repeating: 0, count: chunks)
        let shared = Parallel.Unchecked((made, seen, handled))
        let count = Parallel.makeAndHandle(chunk: chunk, atOnce: mode != 4, make: { publish in
            let (made, _, _) = shared.value
            for i in 0..<n {
                made[i] = i % 1_000 + 1
                if i % 64 == 63 { publish(i + 1) }
                if mode == 1 && i == n / 2 { usleep(40_000) }
            }
            return n
        }, handle: { k, items in
            let (made, seen, handled) = shared.value
            handled[k] += 1
            // A chunk is its items, all of them, the last chunk's up to the count.
            if items != (mode == 4 ? 0..<n : k * chunk..<min((k + 1) * chunk, n)) { handled[k] += 1_000 }
            for i in items {
                // Its value is there: it was made before the chunk was handed on.
                seen[i] += made[i] == i % 1_000 + 1 ? 1 : 1_000
            }
        })
        #expect(count == n)
        let expectedChunks = mode == 4 ? 1 : (n + chunk - 1) / chunk
        #expect((0..<expectedChunks).allSatisfy { handled[$0] == 1 }, "each chunk once, as itself")
        #expect((expectedChunks..<chunks).allSatisfy { handled[$0] == 0 }, "no chunk past the items")
        #expect((0..<n).allSatisfy { seen[$0] == 1 }, "each item once, once made")
    }
}
