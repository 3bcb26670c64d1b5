import Dispatch
import Synchronization

/// Something worked out on another thread, begun once an interactive session that opened a
/// large map is at its prompt (``Session/warmUp()``): the live scores and the debate round, so
/// that the first command that reads them finds them ready, or waits only for what is left.
/// Taken by that command if the map (and for scores, the semantics) are still those it began
/// with, and by an edit of the map, which waits for what is left (the work holds the map,
/// which the edit would otherwise copy whole); dropped where the semantics changed. Or begun
/// after an edit, to follow it (``followsEdit``): then the next edit waits for it and takes it.
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

    /// Work handed over (``begin(_:)``) but held until the session lets it begin (``open()``),
    /// whether the session has, and whether it dropped the work (``drop()``).
    private struct Gate {
        var held: (@Sendable () -> Value)?
        var open: Bool
        var dropped = false
        /// Whether the work was handed over (``begin(_:)``, once only).
        var handed = false
    }
    private let gate: Mutex<Gate>

    init(followsEdit: Bool = false, _ work: @escaping @Sendable () -> Value) {
        self.followsEdit = followsEdit
        gate = Mutex(Gate(open: true))
        begin(work)
    }

    /// Work that other work begins, on its own thread, once it has what this work reads
    /// (``begin(_:)``): compare's other semantics, begun by the live scores worked out ahead,
    /// on their layout of the map. A ``wait()`` before then waits for it to begin, too.
    /// `held`: the work, once handed over, waits for the session to let it begin (``open()``):
    /// work begun after an edit, which the session lets begin once it is back at the prompt
    /// with no line waiting to be read, so that lines pasted one after another do not each
    /// begin work the next one drops, on the cores those lines need.
    init(followsEdit: Bool = false, held: Bool = false) {
        self.followsEdit = followsEdit
        gate = Mutex(Gate(open: !held))
    }

    /// Begins the work on another thread, or holds it until ``open()`` where the work is held;
    /// nothing when it was dropped (``drop()``) before it began. Once only.
    func begin(_ work: @escaping @Sendable () -> Value) {
        let now: Bool = gate.withLock { gate in
            assert(!gate.handed, "work handed over twice")
            gate.handed = true
            guard !gate.dropped else { return false }
            if !gate.open { gate.held = work }
            return gate.open
        }
        if now { start(work) }
    }

    /// Lets held work begin (``init(followsEdit:held:)``): at once if it was handed over, else
    /// as it is.
    func open() {
        let work: (@Sendable () -> Value)? = gate.withLock { gate in
            guard !gate.open else { return nil }
            gate.open = true
            defer { gate.held = nil }
            return gate.dropped ? nil : gate.held
        }
        if let work { start(work) }
    }

    /// Whether the work is held, handed over or not, until the session lets it begin (``open()``).
    var isHeld: Bool { gate.withLock { !$0.open } }

    private func start(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            value = work()
            done.signal()
        }
    }

    /// The session will not take the value: work not yet begun (``init(followsEdit:held:)``)
    /// is not begun, and what held work reads is let go at once. (Work under way runs to its
    /// end, and its value is freed with this.)
    func drop() {
        let held = gate.withLock { gate in
            gate.dropped = true
            defer { gate.held = nil }
            return gate.held
        }
        // (Released here, outside the lock.)
        _ = held
    }

    /// Raised when a command waits for the value (``wait()``): work that keeps to one core,
    /// leaving the other to the user's commands, then takes every core.
    final class Hurry: Sendable {
        private let flag = Atomic<Bool>(false)
        var isOn: Bool { flag.load(ordering: .relaxed) }
        func raise() { flag.store(true, ordering: .relaxed) }
    }
    let hurry = Hurry()

    /// Whether the worker has the value (a ``wait()`` now would not wait).
    var isReady: Bool {
        guard done.wait(timeout: .now()) == .success else { return false }
        done.signal()  // for the wait that takes it
        return true
    }

    /// The value, once the worker has it; held work is let begin first (``open()``), and
    /// work that keeps to one core is hurried (``hurry``).
    func wait() -> Value {
        hurry.raise()
        open()
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
