import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Work split across the machine's cores, shared by the readers, the model and the commands
/// that pass over a whole map.
package enum Parallel {
    /// Runs `body` for 0..<count at once (on as many cores as there are) and returns the
    /// results in order.
    package static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        withoutActuallyEscaping(body) { body in
            let call = Unchecked(body)
            DispatchQueue.concurrentPerform(iterations: count) { k in
                slots[k] = call.value(k)
            }
        }
        return slots.values.map { $0! }
    }

    /// Runs `body` over `0..<count` cut into `parts` consecutive pieces, all at once; below
    /// `minimum`, in one piece on this thread (starting lanes costs more than a short pass).
    package static func forEachPiece(_ count: Int, parts: Int = 2, minimum: Int, _ body: (Range<Int>) -> Void) {
        guard count >= minimum, parts > 1 else { body(0..<count); return }
        let pieces = pieces(0..<count, parts)
        _ = map(parts) { k in body(pieces[k]) }
    }

    /// Adds `step` (wrapping) to every number of `numbers` that is `from` or more: one loop
    /// the compiler turns into vector code, in pieces on both cores from `minimum` numbers on.
    /// A renumbering by one removed or inserted number is this.
    /// (Compiled here for the graph's and the evaluator's numbers too, which other modules
    /// shift: generic code would go through the protocol for every number.)
    @_specialize(exported: true, where T == Int32)
    @_specialize(exported: true, where T == Int)
    package static func shift<T: FixedWidthInteger>(_ numbers: UnsafeMutableBufferPointer<T>, from: T, by step: T, minimum: Int) {
        let shared = Unchecked(numbers)
        forEachPiece(numbers.count, minimum: minimum) { piece in
            let numbers = shared.value
            for i in piece {
                let n = numbers[i]
                numbers[i] = n >= from ? n &+ step : n
            }
        }
    }

    /// One array made by several lanes at once: lane `k` writes up to `capacities[k]` elements
    /// straight into the array's storage, at its own offset, and returns how many it wrote and
    /// whether it finished; then the lanes' elements are moved together, with no array grown
    /// or joined. If any lane gives up, what the lanes wrote is destroyed and the result is nil.
    package static func concatenating<T>(capacities: [Int], _ lane: (Int, UnsafeMutablePointer<T>) -> (made: Int, complete: Bool)) -> [T]? {
        var complete = false
        let array = [T](unsafeUninitializedCapacity: capacities.reduce(0, +)) { buffer, initialized in
            initialized = 0
            let start = Unchecked(buffer.baseAddress!)
            let offsets = capacities.indices.map { capacities[..<$0].reduce(0, +) }
            let results = map(capacities.count) { k in lane(k, start.value + offsets[k]) }
            guard results.allSatisfy(\.complete) else {
                for (k, r) in results.enumerated() { (buffer.baseAddress! + offsets[k]).deinitialize(count: r.made) }
                return
            }
            var filled = 0
            for (k, r) in results.enumerated() {
                if offsets[k] != filled { (buffer.baseAddress! + filled).moveInitialize(from: buffer.baseAddress! + offsets[k], count: r.made) }
                filled += r.made
            }
            initialized = filled
            complete = true
        }
        return complete ? array : nil
    }

    /// Runs `a` and `b` at once, one on each of two cores, and returns both results.
    package static func both<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
        let first = Slots<A>(1), second = Slots<B>(1)
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                let calls = Unchecked((a, b))
                DispatchQueue.concurrentPerform(iterations: 2) { k in
                    if k == 0 { first[0] = calls.value.0() } else { second[0] = calls.value.1() }
                }
            }
        }
        return (first[0]!, second[0]!)
    }

    /// `a` and `b` at once when `atOnce` (work enough to pay for handing one to another
    /// core), else one after the other on this thread, `a` first.
    package static func both<A, B>(if atOnce: Bool, _ a: () -> A, _ b: () -> B) -> (A, B) {
        atOnce ? both(a, b) : (a(), b())
    }

    /// One more turn of a thread's wait for another (`spins` so far in this wait): after 4,000
    /// turns, each gives the core up, so that a long wait leaves it to the thread waited for.
    @inline(__always) static func spin(_ spins: inout Int) {
        spins += 1
        if spins > 4_000 { sched_yield() }
    }

    /// Work in stages that follow one another, each cut into chunks that may run at once, with
    /// one helper thread: many short stages (a cycle's integration steps, a few microseconds
    /// each), where handing each stage to the cores through Dispatch would cost more than the
    /// stage. The thread that calls ``run(_:)`` publishes a stage and takes its chunks one at
    /// a time, as does the helper; it returns once every chunk is done. It never waits for
    /// the helper to start: if no core is free, it does every chunk itself, so the work ends
    /// however the threads are scheduled. Call ``finish()`` when done; the helper then stops.
    package final class Crew: @unchecked Sendable {
        /// The stage under way and its next chunk: the stage's serial number in the top 32
        /// bits (0 before the first; ``finished`` once done), its kind in the next 8, and the
        /// next chunk to take in the low 24.
        private let work = Atomic<UInt64>(0)
        /// How many of the stage's chunks are done.
        private let done = Atomic<Int>(0)
        private let chunks: Int
        private let body: @Sendable (_ kind: Int, _ chunk: Int) -> Void
        /// The last stage's serial number (the calling thread's alone).
        private var serial: UInt64 = 0
        private static let finished: UInt64 = 0xFFFF_FFFF
        /// How long the calling thread has waited, in all, for chunks the helper took, counting
        /// only waits longer than ``longWait`` (nanoseconds), and how many such waits there were
        /// (the calling thread's alone).
        private var waited: UInt64 = 0, longWaits = 0
        /// Whether the helper is let go, and the calling thread does every chunk itself: it kept
        /// the calling thread waiting (``patience``).
        package private(set) var alone = false

        /// A wait for the helper longer than this (nanoseconds, many chunks' work) means that its
        /// thread was set aside while it held a chunk: its core is not free after all.
        package static let longWait: UInt64 = 50_000
        /// Once long waits add up to this (nanoseconds), and there were ``patientWaits`` of them,
        /// the helper is let go. On a machine whose second core is taken away now and then, a
        /// helper that is set aside at every few stages costs more than it brings; one set aside
        /// once (the system's own work taking a turn of its core) does not.
        package static let patience: UInt64 = 1_000_000
        package static let patientWaits = 3

        /// A crew for stages of `chunks` chunks each: `body(kind, chunk)` does chunk `chunk` of a
        /// stage of kind `kind` (0–255, as given to ``run(_:)``).
        package init(chunks: Int, _ body: @escaping @Sendable (_ kind: Int, _ chunk: Int) -> Void) {
            precondition(chunks > 0 && chunks < 1 << 24)
            self.chunks = chunks
            self.body = body
            DispatchQueue.global(qos: .userInitiated).async { [self] in help() }
        }

        /// Runs a stage of kind `kind`: every chunk, with the helper if it is free.
        /// Once the helper kept it waiting too often (``patience``), the calling thread does every
        /// chunk itself: a chunk's work is the same whichever thread does it.
        package func run(_ kind: Int) {
            if alone {
                for chunk in 0..<chunks { body(kind, chunk) }
                return
            }
            serial += 1
            done.store(0, ordering: .relaxed)
            work.store(serial << 32 | UInt64(kind) << 24, ordering: .releasing)
            while let (kind, chunk) = take(serial) {
                body(kind, chunk)
                done.add(1, ordering: .releasing)
            }
            guard done.load(ordering: .acquiring) < chunks else { return }
            // The helper is finishing a chunk it took.
            let start = DispatchTime.now().uptimeNanoseconds
            var spins = 0
            while done.load(ordering: .acquiring) < chunks { Parallel.spin(&spins) }
            let wait = DispatchTime.now().uptimeNanoseconds &- start
            if wait > Self.longWait {
                waited += wait
                longWaits += 1
                if waited >= Self.patience && longWaits >= Self.patientWaits {
                    // Every chunk is done: the helper holds none, and takes none after this.
                    alone = true
                    finish()
                }
            }
        }

        /// Stops the helper (it takes no chunk after this).
        package func finish() {
            work.store(Self.finished << 32, ordering: .releasing)
        }

        /// A chunk of the stage under way (of stage `serial` only, when given), taken: nil
        /// when every one is taken, or none is under way.
        private func take(_ serial: UInt64?) -> (kind: Int, chunk: Int)? {
            var v = work.load(ordering: .acquiring)
            while true {
                let stage = v >> 32, next = Int(v & 0xFF_FFFF)
                guard stage != 0, stage != Self.finished, serial.map({ $0 == stage }) ?? true, next < chunks else { return nil }
                let (exchanged, original) = work.compareExchange(expected: v, desired: v + 1, ordering: .acquiringAndReleasing)
                if exchanged { return (Int(v >> 24 & 0xFF), next) }
                v = original
            }
        }

        /// The helper: takes chunks as stages come, until the crew is finished.
        private func help() {
            var spins = 0
            while work.load(ordering: .acquiring) >> 32 != Self.finished {
                if let (kind, chunk) = take(nil) {
                    body(kind, chunk)
                    done.add(1, ordering: .releasing)
                    spins = 0
                } else {
                    // Between stages: wait for the next, giving the core up when it is long.
                    Parallel.spin(&spins)
                }
            }
        }
    }

    /// A pass whose items are made in order on one core and followed on the other as they are
    /// made: a follower handles them a stretch at a time, in order, each once the maker has
    /// published it (``publish(_:)``). The maker never waits for the follower to start: when
    /// no core is free, or the follower waits long for work, the follower steps aside and the
    /// maker follows the rest itself once it has made every item. So the pass ends however
    /// the threads are scheduled, as a ``Crew``'s stages do.
    package final class Relay: @unchecked Sendable {
        /// How many items the maker has published.
        private let published = Atomic<Int>(0)
        /// 0 while the maker works, ``made`` once it has made every item, ``gaveUp`` when it
        /// gave up (nothing more is followed).
        private let status = Atomic<Int>(0)
        private static let made = 1, gaveUp = 2
        /// Who follows: ``free`` (no one), ``helper``, ``maker``, or ``finished``.
        private let owner = Atomic<Int>(0)
        private static let free = 0, helper = 1, maker = 2, finished = 3
        /// How many items have been followed: read and written only by the owner (handed over
        /// with `owner`, released and acquired).
        private var followed = 0
        /// How long the follower waits for work before it steps aside, in nanoseconds.
        fileprivate static let patience: UInt64 = 10_000_000

        private init() {}

        /// The maker has made (and written everything of) the first `count` items.
        @inline(__always) package func publish(_ count: Int) {
            published.store(count, ordering: .releasing)
        }

        /// Runs `make` on this thread, `meanwhile` then the following of what it makes
        /// (`follow` of each stretch of items, in order) on another core. `make` publishes its
        /// items as it makes them and returns how many it made in all, or nil when it gives up
        /// (what was followed is then left as it is, for the caller to undo). Returns `make`'s
        /// result and `meanwhile`'s, once every item made has been followed. `inTurn` (for
        /// tests) runs the other core's part first on this thread, then the maker, as when no
        /// other core is free.
        package static func run<T>(meanwhile: () -> T, make: (Relay) -> Int?, follow: (Range<Int>) -> Void, inTurn: Bool = false) -> (made: Int?, meanwhile: T) {
            let relay = Relay()
            func maker() -> Int? {
                let made = make(relay)
                if let made {
                    relay.publish(made)
                    relay.status.store(Relay.made, ordering: .releasing)
                } else {
                    relay.status.store(Relay.gaveUp, ordering: .releasing)
                }
                // The follower finishes, or steps aside and this thread follows the rest. While
                // it follows, this thread waits, giving the core up when the wait is long (as a
                // crew's caller does for a chunk the helper took).
                var spins = 0
                while true {
                    let owner = relay.owner.load(ordering: .acquiring)
                    if owner == Relay.finished { break }
                    if owner == Relay.free {
                        guard relay.owner.compareExchange(expected: Relay.free, desired: Relay.maker, ordering: .acquiringAndReleasing).exchanged else { continue }
                        if let made, relay.followed < made { follow(relay.followed..<made) }
                        break
                    }
                    Parallel.spin(&spins)
                }
                return made
            }
            func helper() -> T {
                let result = meanwhile()
                guard relay.owner.compareExchange(expected: Relay.free, desired: Relay.helper, ordering: .acquiringAndReleasing).exchanged else { return result }
                // Checks of `published` with nothing new, and when the wait began.
                var idle = 0, since: UInt64 = 0
                while true {
                    let status = relay.status.load(ordering: .acquiring)
                    let limit = relay.published.load(ordering: .acquiring)
                    if status == Relay.gaveUp { break }
                    if relay.followed < limit {
                        follow(relay.followed..<limit)
                        relay.followed = limit
                        idle = 0
                    } else if status == Relay.made {
                        // Everything published before the maker said it was done.
                        relay.owner.store(Relay.finished, ordering: .releasing)
                        return result
                    } else {
                        // The clock read now and then: the wait is timed, not counted.
                        if idle & 1_023 == 0 {
                            let now = DispatchTime.now().uptimeNanoseconds
                            if idle == 0 { since = now } else if now - since > Relay.patience { break }
                        }
                        idle += 1
                    }
                }
                relay.owner.store(Relay.free, ordering: .releasing)
                return result
            }
            if inTurn {
                let other = helper()
                return (maker(), other)
            }
            return Parallel.both({ maker() }, { helper() })
        }
    }

    /// Items made in order on this thread (`make`, which publishes how many it has made as it
    /// goes and returns how many it made in all) and handled a chunk of `chunk` items at a
    /// time (`handle(k, items)` for chunk k), each chunk once, on both cores: the other core
    /// takes chunks from the front as soon as their items are published, and this thread,
    /// once it has made every item, takes them from the back, until the two meet. (A
    /// ``Relay``'s maker waits for its follower; here it shares the following.) This thread
    /// never waits for the other to start: when no core is free, or the other waits long for
    /// items, it takes no more chunks, and this thread handles the rest. Returns how many
    /// items were made; every chunk is handled when it returns. Not `atOnce`: made, then
    /// handled in one chunk, on this thread.
    package static func makeAndHandle(chunk: Int, atOnce: Bool, make: (_ publish: (Int) -> Void) -> Int,
                                      handle: (_ chunk: Int, _ items: Range<Int>) -> Void) -> Int {
        precondition(chunk > 0)
        guard atOnce else {
            let made = make { _ in }
            handle(0, 0..<made)
            return made
        }
        // How many items are published.
        let published = Atomic<Int>(0)
        // The next chunk from the front and the chunk after the last not taken from the back
        // (every chunk's, until the items are all made).
        let claims = Mutex<(front: Int, back: Int)>((0, .max))
        // How many items were made in all, once they are (-1 before).
        let total = Atomic<Int>(-1)
        enum Turn { case take(Int), wait, stop }
        func maker() -> Int {
            let made = make { published.store($0, ordering: .releasing) }
            total.store(made, ordering: .releasing)
            let chunks = (made + chunk - 1) / chunk
            claims.withLock { $0.back = chunks }
            while let k = claims.withLock({ c -> Int? in
                guard c.back > c.front else { return nil }
                c.back -= 1
                return c.back
            }) {
                handle(k, k * chunk..<min((k + 1) * chunk, made))
            }
            return made
        }
        func helper() {
            var idle = 0, since: UInt64 = 0
            while true {
                let made = total.load(ordering: .acquiring), ready = made >= 0 ? made : published.load(ordering: .acquiring)
                let turn = claims.withLock { c -> Turn in
                    guard c.front < c.back, made < 0 || c.front * chunk < made else { return .stop }
                    guard made >= 0 || (c.front + 1) * chunk <= ready else { return .wait }
                    c.front += 1
                    return .take(c.front - 1)
                }
                switch turn {
                case .take(let k):
                    handle(k, k * chunk..<min((k + 1) * chunk, ready))
                    idle = 0
                case .stop:
                    return
                case .wait:
                    // The clock read now and then: the wait is timed, not counted.
                    if idle & 1_023 == 0 {
                        let now = DispatchTime.now().uptimeNanoseconds
                        if idle == 0 { since = now } else if now - since > Relay.patience { return }
                    }
                    idle += 1
                }
            }
        }
        // (Once the other core has handled the chunks it took: `both` returns when both have.)
        return both({ maker() }, { helper() }).0
    }

    /// `range` cut into `parts` consecutive pieces of nearly equal size.
    package static func pieces(_ range: Range<Int>, _ parts: Int) -> [Range<Int>] {
        (0..<parts).map { k in
            (range.lowerBound + range.count * k / parts)..<(range.lowerBound + range.count * (k + 1) / parts)
        }
    }

    /// Where the lanes of ``map(_:_:)`` put their results: each writes only its own slot,
    /// and they are read after all have finished.
    package final class Slots<T>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<T?>
        package init(_ count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
        /// Plain memory rather than an array, so that lanes writing their own slots at once
        /// share nothing (an array's write would check its buffer's reference count).
        package subscript(k: Int) -> T? {
            get { slots[k] }
            set { slots[k] = newValue }
        }
        package var values: [T?] { Array(slots) }
    }

    /// A value handed to the lanes of ``map(_:_:)``; each lane only reads it.
    package struct Unchecked<Value>: @unchecked Sendable {
        package let value: Value
        package init(_ value: Value) { self.value = value }
    }
}
