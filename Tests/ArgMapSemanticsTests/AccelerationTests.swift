import Foundation
import Testing
import ArgMapModel
@testable import ArgMapSemantics

/// Anderson acceleration (``Acceleration``) on its own, on fixed-point problems whose answer is
/// known, driven as ``Evaluator`` drives it: the slope measured at a point, the point kept, the
/// step taken, its result mixed.
struct AccelerationTests {
    /// Drives `step` from `x` until the largest |step(x) − x| is below 1e-12 or `most` steps,
    /// accelerated with `depth` steps remembered (0 for plain steps); returns the steps taken
    /// and the point.
    static func solve(_ x: [Double], depth: Int, most: Int = 10_000, _ step: ([Double]) -> [Double]) -> (steps: Int, point: [Double]) {
        var x = x
        let n = x.count
        var acceleration = depth > 0 ? Acceleration(claims: n, depth: depth) : nil
        defer { acceleration?.free() }
        for steps in 0..<most {
            var y = step(x)
            let residual = zip(y, x).map { abs($0 - $1) }.max()!
            if residual < 1e-12 { return (steps, x) }
            if var a = acceleration {
                a.measured(residual)
                a.start.update(from: x, count: n)
                y.withUnsafeMutableBufferPointer { a.mix($0.baseAddress!) }
                acceleration = a
            }
            x = y
        }
        return (most, x)
    }

    /// On a linear contraction x ↦ Mx + c of four unknowns whose slowest mode shrinks by only
    /// 0.97 a step, plain steps take hundreds of steps to the fixed point; remembering five
    /// steps, the least-squares combination finds it in a few (as GMRES would), to the same
    /// point.
    @Test func aLinearContractionIsSolvedInAFewSteps() {
        let m: [[Double]] = [[0.97, 0.01, 0, 0], [0, 0.5, 0.2, 0], [0.1, 0, -0.6, 0.1], [0, 0.05, 0, 0.3]]
        let fixed = [0.3, 0.6, 0.45, 0.7]
        // c = (I − M)·fixed, so that `fixed` is the fixed point.
        let c = (0..<4).map { i in fixed[i] - (0..<4).reduce(0.0) { $0 + m[i][$1] * fixed[$1] } }
        func step(_ x: [Double]) -> [Double] { (0..<4).map { i in c[i] + (0..<4).reduce(0.0) { $0 + m[i][$1] * x[$1] } } }
        let start = [0.5, 0.5, 0.5, 0.5]
        let plain = Self.solve(start, depth: 0, step), accelerated = Self.solve(start, depth: 5, step)
        #expect(plain.steps > 500 && plain.steps < 10_000)
        #expect(accelerated.steps <= 8, "\(accelerated.steps) steps")
        for i in 0..<4 { #expect(abs(accelerated.point[i] - fixed[i]) < 1e-10 && abs(plain.point[i] - fixed[i]) < 1e-10) }
    }

    /// A mixed point is kept in [0, 1], as a score is: here the combination would overshoot
    /// past 1 towards a fixed point at 1.
    @Test func aMixedPointStaysInRange() {
        func step(_ x: [Double]) -> [Double] { x.map { min(1, $0 + 0.5 * (1.2 - $0)) } }
        var acceleration = Acceleration(claims: 2, depth: 3)
        defer { acceleration.free() }
        var x = [0.2, 0.9]
        for _ in 0..<6 {
            var y = step(x)
            acceleration.measured(zip(y, x).map { abs($0 - $1) }.max()!)
            acceleration.start.update(from: x, count: 2)
            y.withUnsafeMutableBufferPointer { acceleration.mix($0.baseAddress!) }
            #expect(y.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(y)")
            x = y
        }
        #expect(x.allSatisfy { abs($0 - 1) < 1e-9 })
    }

    /// A slope that grows from one point to the next forgets the steps remembered, and after
    /// ``Acceleration/mostRestarts`` such restarts the steps are no longer accelerated.
    @Test func aGrowingSlopeRestartsAndTooManyRestartsGiveUp() {
        var acceleration = Acceleration(claims: 1, depth: 3)
        defer { acceleration.free() }
        acceleration.measured(0.5)
        acceleration.measured(0.25)
        #expect(acceleration.restarts == 0 && acceleration.active)
        for k in 1...Acceleration.mostRestarts {
            acceleration.measured(0.25 + Double(k))
            #expect(acceleration.restarts == k)
            #expect(acceleration.active == (k < Acceleration.mostRestarts))
        }
    }

    /// Each mixed point is the one Anderson's combination gives when every dot product of the
    /// small system is taken afresh, a pass over the claims each, from the differences kept as
    /// plain arrays (as ``Acceleration/mix(_:)`` once took them): the same to the last bit,
    /// step after step, with restarts, on a nonlinear map of 300 unknowns, remembering 1 to 8
    /// steps.
    @Test(arguments: [1, 2, 5, 8])
    func mixedPointsAreThoseOfProductsTakenOneByOne(depth: Int) {
        let n = 300
        var rng = SplitMix64(seed: UInt64(depth))
        let bases = (0..<n).map { _ in Double(rng.next() % 1000) / 1000 }
        let edges = (0..<n).map { _ in (0..<3).map { _ in (Int(rng.next() % UInt64(n)), Double(Int(rng.next() % 2001) - 1000) / 1000) } }
        // An Euler-like map: each unknown's energy is a weighted sum of three others.
        func step(_ x: [Double]) -> [Double] {
            (0..<n).map { i in
                let e = edges[i].reduce(0.0) { $0 + $1.1 * x[$1.0] }
                let b = bases[i]
                return 1 - (1 - b * b) / (1 + b * exp(e))
            }
        }
        var acceleration = Acceleration(claims: n, depth: depth)
        defer { acceleration.free() }
        var reference = Reference(n: n, depth: depth)
        var x = (0..<n).map { _ in Double(rng.next() % 1000) / 1000 }
        var compared = 0
        for k in 0..<60 {
            let plain = step(x)
            // Every ninth step, a point farther off than the last: a restart.
            let residual = zip(plain, x).map { abs($0 - $1) }.max()! * (k % 9 == 8 ? 100 : 1)
            acceleration.measured(residual)
            reference.measured(residual)
            acceleration.start.update(from: x, count: n)
            var mixed = plain
            mixed.withUnsafeMutableBufferPointer { acceleration.mix($0.baseAddress!) }
            let expected = reference.mix(start: x, plain)
            let differs = (0..<n).first { mixed[$0].bitPattern != expected[$0].bitPattern }
            #expect(differs == nil, "step \(k): unknown \(differs ?? 0) is \(mixed[differs ?? 0]), plainly \(expected[differs ?? 0])")
            if mixed != plain { compared += 1 }
            x = mixed
        }
        #expect(compared >= 12, "steps are combined, not only taken plainly")
    }

    /// Anderson's combination as written out plainly: the differences in a ring of plain arrays,
    /// the Gram matrix and the right-hand side each taken by a pass of its own, and the same
    /// small solve.
    struct Reference {
        let n: Int, depth: Int
        var dG: [[Double]], dY: [[Double]], lastG: [Double] = [], lastY: [Double] = []
        var count = 0, next = 0, lastResidual = Double.infinity

        init(n: Int, depth: Int) {
            self.n = n
            self.depth = depth
            dG = Array(repeating: [], count: depth)
            dY = Array(repeating: [], count: depth)
        }

        mutating func measured(_ residual: Double) {
            if residual > lastResidual { count = 0; next = 0; lastG = []; lastY = [] }
            lastResidual = residual
        }

        static func dot(_ a: [Double], _ b: [Double]) -> Double {
            var sum = 0.0
            for i in a.indices { sum += a[i] * b[i] }
            return sum
        }

        mutating func mix(start x: [Double], _ y: [Double]) -> [Double] {
            let g = (0..<n).map { y[$0] - x[$0] }
            defer { lastG = g; lastY = y }
            guard !lastG.isEmpty else { return y }
            dG[next] = (0..<n).map { g[$0] - lastG[$0] }
            dY[next] = (0..<n).map { y[$0] - lastY[$0] }
            next = (next + 1) % depth
            count = min(count + 1, depth)
            var system = [Double](repeating: 0, count: count * count), rhs = [Double](repeating: 0, count: count)
            var largest = 0.0
            for r in 0..<count {
                for c in 0..<count { system[r * count + c] = Reference.dot(dG[r], dG[c]) }
                rhs[r] = Reference.dot(dG[r], g)
                largest = max(largest, system[r * count + r])
            }
            guard largest > 0, largest.isFinite else { return y }
            for r in 0..<count { system[r * count + r] += 1e-12 * largest }
            let solved = system.withUnsafeMutableBufferPointer { a in rhs.withUnsafeMutableBufferPointer { b in Acceleration.solve(a.baseAddress!, b.baseAddress!, count) } }
            guard solved else { count = 0; next = 0; return y }
            var out = y
            for j in 0..<count where rhs[j] != 0 {
                for i in 0..<n { out[i] -= rhs[j] * dY[j][i] }
            }
            return out.map { min(1, max(0, $0)) }
        }
    }
}
