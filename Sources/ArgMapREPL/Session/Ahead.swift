import Dispatch
import Synchronization

/// Something worked out on another thread, begun when an interactive session opens a large
/// map (``Session/warmUp()``): the live scores and the debate round, so that the first command
/// that reads them finds them ready, or waits only for what is left. Taken by that command if
/// the map (and for scores, the semantics) are still those it began with; dropped at the map's
/// first change. Or begun after an edit, to follow it (``followsEdit``): then the next edit
/// waits for it and takes it rather than dropping it.
final class Ahead<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once, by the worker, before it signals `done`.
    private var value: Value?
    /// Whether a command has waited for the value (and taken it).
    private(set) var taken = false
    /// Whether the work follows the last edit (the live scores brought along it, the round
    /// worked out again after it): the next edit, which changes the map it reads, waits for it
    /// and takes it (``Session/settleScores()``, ``Session/settleRound()``).
    let followsEdit: Bool

    /// Whether the session dropped this work before it began (``drop()``).
    private let dropped = Atomic<Bool>(false)

    init(followsEdit: Bool = false, _ work: @escaping @Sendable () -> Value) {
        self.followsEdit = followsEdit
        begin(work)
    }

    /// Work that other work begins, on its own thread, once it has what this work reads
    /// (``begin(_:)``): compare's other semantics, begun by the live scores worked out ahead,
    /// on their layout of the map. A ``wait()`` before then waits for it to begin, too.
    init(followsEdit: Bool = false) {
        self.followsEdit = followsEdit
    }

    /// Begins the work on another thread; nothing when it was dropped (``drop()``) before it
    /// began. Once only.
    func begin(_ work: @escaping @Sendable () -> Value) {
        guard !dropped.load(ordering: .relaxed) else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            value = work()
            done.signal()
        }
    }

    /// The session will not take the value: work not yet begun (``init(followsEdit:)``) is not
    /// begun. (Work under way runs to its end, and its value is freed with this.)
    func drop() {
        dropped.store(true, ordering: .relaxed)
    }

    /// Whether the worker has the value (a ``wait()`` now would not wait).
    var isReady: Bool {
        guard done.wait(timeout: .now()) == .success else { return false }
        done.signal()  // for the wait that takes it
        return true
    }

    /// The value, once the worker has it.
    func wait() -> Value {
        done.wait()
        done.signal()  // for any later wait
        taken = true
        return value!
    }
}

/// A value handed to work on another thread, which takes it out as it begins
/// (``take()``), so that nothing holds it once the work is done: the session's map, which an
/// edit would copy whole while another reference to its storage is alive.
final class Handed<Value>: @unchecked Sendable {
    private var value: Value?
    init(_ value: Value) { self.value = value }
    func take() -> Value {
        defer { value = nil }
        return value!
    }
}
