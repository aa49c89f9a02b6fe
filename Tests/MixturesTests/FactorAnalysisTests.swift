import XCTest
import LinearAlgebra
@testable import Mixtures

/// Factor analysis and probabilistic PCA against scikit-learn 1.9.1 on the wine data
/// (178 × 13, standardised with the population standard deviation, as `(X - X.mean(0)) / X.std(0)`).
final class FactorAnalysisTests: XCTestCase {
    static func standardisedWine() throws -> Matrix {
        var x = try DataTable.read(csv: fixture("wine.csv")).numeric()
        let labelColumn = x.columns - 1
        var kept = Matrix(rows: x.rows, columns: labelColumn)
        for i in 0..<x.rows { for j in 0..<labelColumn { kept[i, j] = x[i, j] } }
        x = kept
        let n = Double(x.rows)
        for j in 0..<x.columns {
            let column = x.column(j)
            let mean = column.reduce(0, +) / n
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            for i in 0..<x.rows { x[i, j] = (x[i, j] - mean) / sd }
        }
        return x
    }

    /// scikit-learn: `FactorAnalysis(n_components=2, tol=0, max_iter=100000, svd_method='lapack').fit(X).score(X)`
    /// (the same value after 1,000 and 100,000 iterations: converged to the last digit).
    static let sklearnFactorAnalysis2 = -15.433657597287942
    /// scikit-learn: `PCA(n_components=2).fit(X).score(X)`.
    static let sklearnPCA2 = -16.155362849430567

    func testFactorAnalysisAgreesWithScikitLearn() throws {
        let x = try Self.standardisedWine()
        let fa = try FactorAnalysis(latent: 2, maxIterations: 20000, tolerance: 1e-12).fit(x, seed: 0)
        XCTAssertTrue(fa.converged)
        // EM stops when the mean log-likelihood changes by < 1e-12 per iteration; at a linear
        // rate ρ the remaining gap is below 1e-12 ρ/(1 − ρ), far inside 1e-8 unless ρ > 0.9999.
        XCTAssertEqual(fa.score(x), Self.sklearnFactorAnalysis2, accuracy: 1e-8)
        XCTAssertEqual(fa.logLikelihood / Double(x.rows), fa.score(x), accuracy: 1e-10)
        // The lower bound never decreases.
        for (a, b) in zip(fa.lowerBoundTrace, fa.lowerBoundTrace.dropFirst()) { XCTAssertGreaterThanOrEqual(b, a - 1e-12) }
    }

    func testClosedFormPPCAIsScikitLearnsScoreWithTheMaximumLikelihoodDivisor() throws {
        let x = try Self.standardisedWine()
        let ppca = try ProbabilisticPCA(latent: 2).fit(x, seed: 0)
        // scikit-learn scales the covariance by c = N/(N − 1) (divisor N − 1). At the PPCA
        // maximum tr(C⁻¹S) = p, so its score is ours − (p/2)(log c + 1/c − 1), exactly.
        let n = Double(x.rows), p = Double(x.columns), c = n / (n - 1)
        let shift = p / 2 * (log(c) + 1 / c - 1)
        XCTAssertEqual(ppca.score(x) - shift, Self.sklearnPCA2, accuracy: 1e-10)
        XCTAssertGreaterThan(shift, 1e-5)   // the correction is real, not below the tolerance
    }

    func testPPCAByEMReachesTheClosedForm() throws {
        let x = try Self.standardisedWine()
        let closed = try ProbabilisticPCA(latent: 2).fit(x, seed: 0)
        let em = try ProbabilisticPCA(latent: 2, method: .em, maxIterations: 20000, tolerance: 1e-12).fit(x, seed: 3)
        XCTAssertEqual(em.score(x), closed.score(x), accuracy: 1e-8)
        XCTAssertEqual(em.psi[0], closed.psi[0], accuracy: 1e-6)
        // W is identified up to a rotation: compare W Wᵀ.
        XCTAssertLessThan(em.loadings.outerGram.maxAbsDifference(closed.loadings.outerGram), 1e-5)
    }

    func testLatentPosteriorAndCriteria() throws {
        let x = try Self.standardisedWine()
        let fa = try FactorAnalysis(latent: 2).fit(x, seed: 0)
        let (means, covariance) = fa.latentPosterior(x)
        XCTAssertEqual(means.rows, x.rows)
        // E[y|x] = (I + WᵀΨ⁻¹W)⁻¹ WᵀΨ⁻¹ (x − b), computed densely.
        let psiInv = Matrix.diagonal(fa.psi.map { 1 / $0 })
        let beta = covariance * fa.loadings.transposed * psiInv
        let r = (0..<x.columns).map { x[5, $0] - fa.parameters.mean[$0] }
        let want = beta.multiplied(by: r)
        for j in 0..<2 { XCTAssertEqual(means[5, j], want[j], accuracy: 1e-12) }
        // p d − d(d−1)/2 + 2p = 26 − 1 + 26.
        XCTAssertEqual(fa.parameterCount, 51)
        XCTAssertEqual(fa.trainingBIC, -2 * fa.logLikelihood + 51 * log(Double(x.rows)), accuracy: 1e-9)
    }

    func testBadInput() throws {
        let x = try Self.standardisedWine()
        XCTAssertThrowsError(try FactorAnalysis(latent: 13).fit(x, seed: 0)) {
            XCTAssertEqual($0 as? HierarchicalMixtureError, .latentDimension(latent: 13, observed: 13))
        }
        var nan = x
        nan[4, 2] = .nan
        XCTAssertThrowsError(try FactorAnalysis(latent: 2).fit(nan, seed: 0)) {
            XCTAssertEqual($0 as? GaussianMixtureError, .nonFiniteData(row: 4, column: 2))
        }
        // A constant column: its noise sits at the floor and the likelihood stays finite.
        var constant = x
        for i in 0..<x.rows { constant[i, 0] = 3 }
        let fa = try FactorAnalysis(latent: 2, maxIterations: 200).fit(constant, seed: 0)
        XCTAssertTrue(fa.logLikelihood.isFinite)
        XCTAssertEqual(fa.psi[0], 1e-6 * 12 / 13, accuracy: 1e-12)
    }
}
