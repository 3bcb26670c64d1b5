/// Anderson acceleration of a cycle's steps near the point they converge to (Walker and Ni,
/// "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49(4), 2011).
///
/// The model's equilibria are the fixed points s* = f(s*) of its function. Close to the one
/// its trajectory approaches, the steps approach it along the slowest of the cycle's modes:
/// hundreds of RK4 steps on a large cycle for the last digits. There the steps become those of
/// the fixed-point iteration x ← Φ(x) = f(x) (``Evaluator/rk4(_:_:_:_:_:cap:helped:)``), and
/// Anderson's method takes for the next point not Φ(x) but the combination of the last few
/// steps' results whose residuals Φ(x) − x cancel best (a small least-squares problem), which
/// on such a map reaches s* in a small fraction of the steps; each step evaluates f once,
/// where an RK4 step evaluates it four times. It is only a choice of the next point: the
/// evaluation still ends when the largest |f(s) − s| is below the tolerance, as before, and
/// the point it ends on is a fixed point to that tolerance.
///
/// The steps are accelerated only once the RK4 steps have brought the largest slope below
/// ``Evaluator/Options/acceleratedBelow`` (0.5), so that they start on the way to the point the
/// model's own trajectory from the bases reaches (not some other fixed point): the property
/// tests compare the accelerated steps' end with the plain steps' on dense random cycles of
/// full weight (where the fixed points of DF-QuAD can form a line) and on generated maps, to
/// 1e-9, from 0.01, 0.5 and the first step. When a step's slope grows rather than shrinks, the
/// steps so far are forgotten and the next is not combined; after a few such restarts the
/// rest of the steps are plain RK4 steps.
struct Acceleration {
    /// Claims, and the steps remembered (the window).
    let n: Int, depth: Int
    /// The differences of the last `depth` residuals (g = Φ(x) − x) and of the last `depth`
    /// results Φ(x), each `n` numbers, in a ring; the last residual and result.
    private let dG: UnsafeMutablePointer<Double>, dY: UnsafeMutablePointer<Double>
    private let lastG: UnsafeMutablePointer<Double>, lastY: UnsafeMutablePointer<Double>
    /// The point the step started from.
    let start: UnsafeMutablePointer<Double>
    /// The Gram matrix of the residuals' differences (depth × depth), by ring place; room for
    /// the small system solved at each step, its right-hand side and solution.
    private let gram: UnsafeMutablePointer<Double>, system: UnsafeMutablePointer<Double>, rhs: UnsafeMutablePointer<Double>
    /// How many differences the ring holds, where the next goes, whether there is a last step.
    private var count = 0, next = 0, hasLast = false
    /// Whether the memory is the acceleration's own.
    private let owned: Bool
    /// The slope measured at the last point, and the restarts so far.
    private var lastResidual = Double.infinity
    private(set) var restarts = 0
    static let mostRestarts = 8
    /// The most steps remembered: the sums of a step's small system are taken side by side in
    /// the lanes of an 8-wide vector (``mix(_:)``).
    static let deepest = 8

    /// The numbers an acceleration of `n` claims remembering `depth` steps holds.
    static func size(claims n: Int, depth: Int) -> Int { (2 * depth + 3) * n + 2 * depth * depth + depth }

    /// `memory`: room for ``size(claims:depth:)`` numbers, which the acceleration does not own
    /// (a small cycle's, on the stack); nil for memory of its own, which ``free()`` gives back.
    init(claims n: Int, depth: Int, in given: UnsafeMutablePointer<Double>? = nil) {
        precondition(depth <= Self.deepest, "at most \(Self.deepest) steps remembered")
        self.n = n
        self.depth = depth
        // One allocation for a cycle's whole integration.
        owned = given == nil
        let memory = given ?? UnsafeMutablePointer<Double>.allocate(capacity: Self.size(claims: n, depth: depth))
        dG = memory
        dY = memory + depth * n
        lastG = memory + 2 * depth * n
        lastY = memory + (2 * depth + 1) * n
        start = memory + (2 * depth + 2) * n
        gram = memory + (2 * depth + 3) * n
        system = gram + depth * depth
        rhs = system + depth * depth
    }

    func free() { if owned { dG.deallocate() } }

    /// Whether the steps are still accelerated (not given up after too many restarts).
    var active: Bool { restarts < Self.mostRestarts }

    /// Notes the largest slope at the point a step starts from: when it grew, the steps so far
    /// are forgotten (the next point is the plain step's).
    mutating func measured(_ residual: Double) {
        if residual > lastResidual {
            count = 0
            next = 0
            hasLast = false
            restarts += 1
        }
        lastResidual = residual
    }

    /// After a step from ``start`` to `y` (= Φ(start)): replaces `y` with the next point,
    /// kept in [0, 1].
    ///
    /// One pass over the claims takes the new differences and, at once, every dot product the
    /// small system needs (where a pass per product took them before). Each dot product still
    /// adds its terms one after another in the claims' order, so the point is the same to the
    /// last bit as with a pass per product; the products' sums, independent of each other,
    /// then advance side by side rather than each waiting on its own last addition.
    mutating func mix(_ y: UnsafeMutablePointer<Double>) {
        let x = start
        guard hasLast else {
            // The first step remembered: only the last residual and result (nothing to combine).
            for i in 0..<n {
                lastG[i] = y[i] - x[i]
                lastY[i] = y[i]
            }
            hasLast = true
            return
        }
        // g = y − x; the new differences g − last g and y − last y go where the oldest were,
        // and g and y become the last. The Gram matrix's row of the new difference (its dot
        // products with every difference held, itself included) and the right-hand side ΔGᵀ g
        // are summed in the same pass, lane j for difference j.
        let place = next
        next = (next + 1) % depth
        count = min(count + 1, depth)
        let dg = dG + place * n, dy = dY + place * n
        let held = count
        var row = SIMD8<Double>(), side = SIMD8<Double>()
        for i in 0..<n {
            let g = y[i] - x[i]
            let d = g - lastG[i]
            dg[i] = d
            dy[i] = y[i] - lastY[i]
            lastG[i] = g
            lastY[i] = y[i]
            var column = SIMD8<Double>()
            for j in 0..<held { column[j] = dG[j * n + i] }
            row += SIMD8(repeating: d) * column
            side += column * SIMD8(repeating: g)
        }
        for j in 0..<held {
            gram[place * depth + j] = row[j]
            gram[j * depth + place] = row[j]
            rhs[j] = side[j]
        }
        // γ minimizes |g − ΔG γ|: (ΔGᵀΔG) γ = ΔGᵀ g, by Cholesky, lightly regularized.
        var largest = 0.0
        for j in 0..<count { largest = max(largest, gram[j * depth + j]) }
        guard largest > 0, largest.isFinite else { return }
        for r in 0..<count {
            for c in 0..<count { system[r * count + c] = gram[r * depth + c] }
            system[r * count + r] += 1e-12 * largest
        }
        guard Acceleration.solve(system, rhs, count) else {
            count = 0
            next = 0
            return
        }
        for j in 0..<count where rhs[j] != 0 {
            let column = dY + j * n, w = rhs[j]
            for i in 0..<n { y[i] -= w * column[i] }
        }
        for i in 0..<n { y[i] = min(1, max(0, y[i])) }
    }

    /// Solves a·x = b for a symmetric positive definite `a` (m × m, overwritten by its Cholesky
    /// factor) and leaves x in `b`; false when a pivot is not positive.
    static func solve(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ m: Int) -> Bool {
        for j in 0..<m {
            var d = a[j * m + j]
            for k in 0..<j { d -= a[j * m + k] * a[j * m + k] }
            guard d > 0, d.isFinite else { return false }
            let l = d.squareRoot()
            a[j * m + j] = l
            for r in (j + 1)..<max(j + 1, m) {
                var v = a[r * m + j]
                for k in 0..<j { v -= a[r * m + k] * a[j * m + k] }
                a[r * m + j] = v / l
            }
        }
        let y = b
        for r in 0..<m {
            for k in 0..<r { y[r] -= a[r * m + k] * y[k] }
            y[r] /= a[r * m + r]
        }
        for r in stride(from: m - 1, through: 0, by: -1) {
            for k in (r + 1)..<max(r + 1, m) { y[r] -= a[k * m + r] * y[k] }
            y[r] /= a[r * m + r]
        }
        return true
    }
}
