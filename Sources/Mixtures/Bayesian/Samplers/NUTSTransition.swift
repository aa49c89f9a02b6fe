import Foundation

/// A point in phase space: position, momentum, log density and its gradient there.
struct PhasePoint: Sendable {
    var q: [Double]
    var p: [Double]
    var logDensity: Double
    var gradient: [Double]
}

/// What one NUTS iteration did.
struct TransitionStatistics: Sendable {
    var acceptance = 0.0
    var treeDepth = 0
    var leapfrogSteps = 0
    var divergent = false
    var energy = 0.0
}

/// One iteration of the multinomial No-U-Turn sampler (Betancourt 2017; Stan's
/// `base_nuts`): the trajectory doubles in a random direction until the generalised
/// U-turn criterion p♯₋·ρ > 0 ∧ p♯₊·ρ > 0 fails — checked on every merged subtree and,
/// as Stan does since 2.26, also across each pair of merged halves with the neighbouring
/// boundary momentum added — or the maximum depth is reached, or the energy error
/// exceeds `maxEnergyError` (a divergence). The new state is drawn from the trajectory
/// with weights e^{−H}: uniformly within subtrees, biased towards the newest subtree at
/// the top level.
struct NUTSTransition<Density: LogDensity> {
    let density: Density
    let metric: EuclideanMetric
    let stepSize: Double
    let maxDepth: Int
    let maxEnergyError: Double

    private var n: Int { density.dimension }

    /// One edge of a (sub)trajectory: the momentum and p♯ there.
    private struct Edge {
        var p: [Double]
        var sharp: [Double]
    }

    /// Bookkeeping shared across a whole transition.
    private struct Accumulator {
        var h0: Double
        var leapfrogs = 0
        var sumAcceptance = 0.0
        var divergent = false
    }

    func hamiltonian(_ z: PhasePoint) -> Double { -z.logDensity + metric.kineticEnergy(z.p) }

    /// One leapfrog step of size `epsilon` (negative to go back in time).
    func leapfrog(_ z: inout PhasePoint, epsilon: Double, velocity: inout [Double]) {
        for i in 0..<n { z.p[i] += 0.5 * epsilon * z.gradient[i] }
        metric.sharp(z.p, into: &velocity)
        for i in 0..<n { z.q[i] += epsilon * velocity[i] }
        z.logDensity = z.q.withUnsafeBufferPointer { qp in
            z.gradient.withUnsafeMutableBufferPointer { gp in density.logDensity(at: qp.baseAddress!, gradient: gp.baseAddress!) }
        }
        if z.logDensity.isNaN { z.logDensity = -.infinity }
        for i in 0..<n { z.p[i] += 0.5 * epsilon * z.gradient[i] }
    }

    /// p♯₋·ρ > 0 and p♯₊·ρ > 0.
    @inline(__always) private func noUTurn(_ minus: [Double], _ plus: [Double], _ rho: [Double]) -> Bool {
        var a = 0.0, b = 0.0
        for i in 0..<n { a += minus[i] * rho[i]; b += plus[i] * rho[i] }
        return a > 0 && b > 0
    }

    /// Runs one transition from position `start` (with its log density and gradient).
    func transition(from start: PhasePoint, generator: inout RandomGenerator) -> (PhasePoint, TransitionStatistics) {
        var z0 = start
        metric.sampleMomentum(&generator, into: &z0.p)
        var sharp0 = [Double](repeating: 0, count: n)
        metric.sharp(z0.p, into: &sharp0)
        var acc = Accumulator(h0: hamiltonian(z0))

        var left = z0, right = z0                       // the trajectory's two ends (time order)
        var leftEdge = Edge(p: z0.p, sharp: sharp0), rightEdge = leftEdge
        var rho = z0.p
        var sample = z0
        var logSumWeight = 0.0
        var depth = 0

        while depth < maxDepth {
            let forward = generator.uniform() > 0.5
            var rhoNew = [Double](repeating: 0, count: n)
            var logWeightNew = -Double.infinity
            var proposal = forward ? right : left
            var front = proposal
            var beginEdge = leftEdge, endEdge = leftEdge   // overwritten by buildTree
            let valid = buildTree(depth: depth, front: &front, proposal: &proposal, rho: &rhoNew,
                                  begin: &beginEdge, end: &endEdge, direction: forward ? 1 : -1,
                                  logSumWeight: &logWeightNew, acc: &acc, generator: &generator)
            if !valid { break }
            depth += 1

            // Biased progressive sampling towards the new subtree.
            if logWeightNew > logSumWeight {
                sample = proposal
            } else if generator.uniform() < exp(logWeightNew - logSumWeight) {
                sample = proposal
            }
            logSumWeight = logAddExp(logSumWeight, logWeightNew)

            // Merge: old trajectory and new subtree, in time order.
            let oldRho = rho
            for i in 0..<n { rho[i] += rhoNew[i] }
            var persist: Bool
            if forward {
                // [left … rightEdge] + [beginEdge … endEdge]
                persist = noUTurn(leftEdge.sharp, endEdge.sharp, rho)
                persist = persist && noUTurn(leftEdge.sharp, beginEdge.sharp, sum(oldRho, beginEdge.p))
                persist = persist && noUTurn(rightEdge.sharp, endEdge.sharp, sum(rhoNew, rightEdge.p))
                right = front
                rightEdge = endEdge
            } else {
                // [endEdge … beginEdge] + [leftEdge … right]
                persist = noUTurn(endEdge.sharp, rightEdge.sharp, rho)
                persist = persist && noUTurn(beginEdge.sharp, rightEdge.sharp, sum(oldRho, beginEdge.p))
                persist = persist && noUTurn(endEdge.sharp, leftEdge.sharp, sum(rhoNew, leftEdge.p))
                left = front
                leftEdge = endEdge
            }
            if !persist { break }
        }

        var stats = TransitionStatistics()
        stats.treeDepth = depth
        stats.leapfrogSteps = acc.leapfrogs
        stats.divergent = acc.divergent
        stats.acceptance = acc.leapfrogs > 0 ? acc.sumAcceptance / Double(acc.leapfrogs) : 0
        stats.energy = hamiltonian(sample)
        return (sample, stats)
    }

    private func sum(_ a: [Double], _ b: [Double]) -> [Double] {
        var c = a
        for i in 0..<n { c[i] += b[i] }
        return c
    }

    /// Builds a subtree of 2^depth leapfrog steps from `front` in `direction`, in build
    /// order (`begin` is the edge next to the existing trajectory, `end` the far one).
    /// Returns false when the subtree diverged or made a U-turn.
    private func buildTree(depth: Int, front: inout PhasePoint, proposal: inout PhasePoint, rho: inout [Double],
                           begin: inout Edge, end: inout Edge, direction: Double,
                           logSumWeight: inout Double, acc: inout Accumulator,
                           generator: inout RandomGenerator) -> Bool {
        if depth == 0 {
            var velocity = [Double](repeating: 0, count: n)
            leapfrog(&front, epsilon: direction * stepSize, velocity: &velocity)
            acc.leapfrogs += 1
            var h = hamiltonian(front)
            if h.isNaN { h = .infinity }
            if h - acc.h0 > maxEnergyError { acc.divergent = true }
            logSumWeight = logAddExp(logSumWeight, acc.h0 - h)
            acc.sumAcceptance += acc.h0 - h > 0 ? 1 : exp(acc.h0 - h)
            proposal = front
            for i in 0..<n { rho[i] += front.p[i] }
            // p♯ = M⁻¹p of the point's own (full-step) momentum. The leapfrog's velocity is
            // M⁻¹ of the half-step momentum, which depends on the direction the point was
            // reached from: using it made the U-turn criterion depend on where in the
            // trajectory the chain started, which breaks NUTS's detailed balance.
            metric.sharp(front.p, into: &velocity)
            begin = Edge(p: front.p, sharp: velocity)
            end = begin
            return !acc.divergent
        }
        // First half.
        var rhoInit = [Double](repeating: 0, count: n)
        var logWeightInit = -Double.infinity
        var initEnd = begin
        if !buildTree(depth: depth - 1, front: &front, proposal: &proposal, rho: &rhoInit,
                      begin: &begin, end: &initEnd, direction: direction,
                      logSumWeight: &logWeightInit, acc: &acc, generator: &generator) { return false }
        // Second half.
        var proposalFinal = front
        var rhoFinal = [Double](repeating: 0, count: n)
        var logWeightFinal = -Double.infinity
        var finalBegin = begin
        if !buildTree(depth: depth - 1, front: &front, proposal: &proposalFinal, rho: &rhoFinal,
                      begin: &finalBegin, end: &end, direction: direction,
                      logSumWeight: &logWeightFinal, acc: &acc, generator: &generator) { return false }

        // Uniform progressive sampling between the halves.
        let logWeightSubtree = logAddExp(logWeightInit, logWeightFinal)
        logSumWeight = logAddExp(logSumWeight, logWeightSubtree)
        if logWeightFinal > logWeightSubtree || generator.uniform() < exp(logWeightFinal - logWeightSubtree) {
            proposal = proposalFinal
        }

        var rhoSubtree = rhoInit
        for i in 0..<n { rhoSubtree[i] += rhoFinal[i]; rho[i] += rhoSubtree[i] }
        var persist = noUTurn(begin.sharp, end.sharp, rhoSubtree)
        persist = persist && noUTurn(begin.sharp, finalBegin.sharp, sum(rhoInit, finalBegin.p))
        persist = persist && noUTurn(initEnd.sharp, end.sharp, sum(rhoFinal, initEnd.p))
        return persist
    }
}

/// log(eᵃ + eᵇ), stable; −∞ when both are −∞.
@inline(__always) func logAddExp(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b))
}
