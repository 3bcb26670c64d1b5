import Testing
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
}
