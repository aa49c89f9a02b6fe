import XCTest
import LinearAlgebra
@testable import Mixtures

/// Model selection: mclust names, free-parameter counts, BIC/AIC/ICL in both sign
/// conventions, and the table's choice of the best model. Reference numbers are from
/// scikit-learn 1.9.1 on Old Faithful (272 × 2), `GaussianMixture(n_init=20, tol=1e-10)`.
final class ModelSelectionTests: XCTestCase {
    func testMclustNames() {
        XCTAssertEqual(CovarianceType.spherical.mclustName, "VII")
        XCTAssertEqual(CovarianceType.diagonal.mclustName, "VVI")
        XCTAssertEqual(CovarianceType.tied.mclustName, "EEE")
        XCTAssertEqual(CovarianceType.full.mclustName, "VVV")
        XCTAssertEqual(CovarianceType.full.displayName, "VVV (full)")
        XCTAssertEqual(CovarianceType.diagonal.displayName, "VVI (diag)")
        for type in CovarianceType.allCases { XCTAssertEqual(CovarianceType(mclustName: type.mclustName), type) }
        XCTAssertEqual(CovarianceType(mclustName: "eee"), .tied)
        XCTAssertNil(CovarianceType(mclustName: "VEV"))
    }

    func testFreeParameterCountsMatchScikitLearn() {
        // sklearn GaussianMixture._n_parameters(), D = 2 (faithful) and D = 4 (iris).
        let d2: [(CovarianceType, Int, Int)] = [(.full, 2, 11), (.full, 3, 17), (.diagonal, 2, 9), (.diagonal, 3, 14),
                                                (.spherical, 2, 7), (.spherical, 3, 11), (.tied, 2, 8), (.tied, 3, 11)]
        for (type, k, p) in d2 { XCTAssertEqual(type.freeParameterCount(components: k, dimension: 2), p, "\(type) K=\(k)") }
        XCTAssertEqual(CovarianceType.full.freeParameterCount(components: 3, dimension: 4), 44)
        XCTAssertEqual(CovarianceType.diagonal.freeParameterCount(components: 3, dimension: 4), 26)
        XCTAssertEqual(CovarianceType.spherical.freeParameterCount(components: 3, dimension: 4), 17)
        XCTAssertEqual(CovarianceType.tied.freeParameterCount(components: 3, dimension: 4), 24)
        // One component: every type but spherical/diagonal reduces to one Gaussian's count.
        XCTAssertEqual(CovarianceType.full.freeParameterCount(components: 1, dimension: 3), 3 + 6)
        XCTAssertEqual(CovarianceType.tied.freeParameterCount(components: 1, dimension: 3), 3 + 6)
    }

    func testCriteriaMatchScikitLearnOnFaithful() {
        // Full covariance, K = 2: log L = -1130.2639601936953, bic 2322.1917431166466,
        // aic 2282.5279203873906 (mclust reports BIC VVV,2 = -2322.192).
        let c = InformationCriteria(logLikelihood: -1130.2639601936953, parameterCount: 11, sampleCount: 272,
                                    classificationLogLikelihood: -0.25645518288794655)
        XCTAssertEqual(c.bic, 2322.1917431166466, accuracy: 1e-9)
        XCTAssertEqual(c.aic, 2282.5279203873906, accuracy: 1e-9)
        XCTAssertEqual(c.mclustBIC, -2322.1917431166466, accuracy: 1e-9)
        XCTAssertEqual(c.mclustAIC, -2282.5279203873906, accuracy: 1e-9)
        XCTAssertEqual(c.icl, 2322.1917431166466 + 2 * 0.25645518288794655, accuracy: 1e-9)
        XCTAssertEqual(c.mclustICL, -c.icl)
        XCTAssertEqual(c.value(.bic, convention: .scikitLearn), c.bic)
        XCTAssertEqual(c.value(.icl, convention: .mclust), c.mclustICL)
        XCTAssertEqual(c.value(.aic, convention: .mclust), c.mclustAIC)
    }

    func testClassificationLogLikelihoodUsesTheMapClass() {
        let z = Matrix([[1, 0], [0.5, 0.5], [0.2, 0.8], [0.9, 0.1]])
        XCTAssertEqual(InformationCriteria.classificationLogLikelihood(responsibilities: z),
                       log(1) + log(0.5) + log(0.8) + log(0.9), accuracy: 1e-15)
        let certain = Matrix([[1, 0, 0], [0, 0, 1]])
        XCTAssertEqual(InformationCriteria.classificationLogLikelihood(responsibilities: certain), 0)
    }

    func testIclIsNeverBetterThanBic() {
        for classification in [0.0, -0.3, -17.5] {
            let c = InformationCriteria(logLikelihood: -500, parameterCount: 9, sampleCount: 100,
                                        classificationLogLikelihood: classification)
            XCTAssertLessThanOrEqual(c.mclustICL, c.mclustBIC)   // mclust sign: higher is better
            XCTAssertGreaterThanOrEqual(c.icl, c.bic)            // scikit-learn sign: lower is better
            XCTAssertEqual(c.mclustBIC - c.mclustICL, -2 * classification, accuracy: 1e-12)
        }
    }

    /// A table from scikit-learn's Old Faithful numbers (K = 2, 3; all four types).
    private func faithfulTable() throws -> ModelSelectionTable {
        let rows: [(CovarianceType, Int, Double, Double)] = [
            (.full, 2, -1130.2639601936953, -0.25645518288794655), (.full, 3, -1119.2139707572123, -16.688729102970207),
            (.diagonal, 2, -1147.8063525443167, -0.047956982388719774), (.diagonal, 3, -1127.0075192431705, -6.612519063093529),
            (.spherical, 2, -1709.5292821779522, -1.288780345394626), (.spherical, 3, -1637.4344180331323, -12.201973563628378),
            (.tied, 2, -1140.1867594422004, -0.7447403467043059), (.tied, 3, -1126.3159279009424, -22.048755898177077),
        ]
        // The table's choices depend only on the criteria; a placeholder model stands in.
        let placeholder = try FittedGaussianMixture(
            parameters: GaussianMixtureParameters(weights: [1], means: Matrix([[0, 0]]), covariances: [Matrix.identity(2)]),
            covarianceType: .full)
        let entries = rows.map { type, k, logL, cll in
            ModelSelectionEntry(components: k, covarianceType: type, criteria: InformationCriteria(
                logLikelihood: logL, parameterCount: type.freeParameterCount(components: k, dimension: 2),
                sampleCount: 272, classificationLogLikelihood: cll), fitted: placeholder)
        }
        return ModelSelectionTable(componentCounts: [1, 2, 3], covarianceTypes: [.spherical, .diagonal, .tied, .full],
                                   entries: entries,
                                   failures: [ModelSelectionFailure(components: 1, covarianceType: .full, message: "not tried")])
    }

    func testBestModelsOnFaithfulNumbers() throws {
        let table = try faithfulTable()
        // sklearn: tied K=3 has the lowest BIC (2314.30; mclust's best is EEE,3 too).
        let bestBIC = table.best(by: .bic)
        XCTAssertEqual(bestBIC.covarianceType, .tied)
        XCTAssertEqual(bestBIC.components, 3)
        XCTAssertEqual(bestBIC.mclustName, "EEE")
        XCTAssertEqual(bestBIC.value(.bic), 2314.2956785311408, accuracy: 1e-6)
        // AIC, with its smaller penalty, prefers the largest model: full K=3 (2272.43).
        XCTAssertEqual(table.best(by: .aic).covarianceType, .full)
        XCTAssertEqual(table.best(by: .aic).components, 3)
        // ICL penalises EEE,3's uncertain assignments: full K=2 wins (2322.71).
        XCTAssertEqual(table.best(by: .icl).covarianceType, .full)
        XCTAssertEqual(table.best(by: .icl).components, 2)
        XCTAssertEqual(table.ranking(by: .bic, count: 3).map(\.label),
                       ["EEE,3 (tied, K = 3)", "VVV,2 (full, K = 2)", "EEE,2 (tied, K = 2)"])
    }

    func testGridAndCurvesForACharts() throws {
        let table = try faithfulTable()
        let grid = table.grid(.bic, convention: .mclust)
        XCTAssertEqual(grid.count, 3)
        XCTAssertEqual(grid[0], [nil, nil, nil, nil])          // K = 1 not fitted
        XCTAssertEqual(grid[1][3]!, -2322.1917431166466, accuracy: 1e-9)
        let curves = table.curves(.bic, convention: .mclust)
        XCTAssertEqual(curves.map(\.label), ["VII (spherical)", "VVI (diag)", "EEE (tied)", "VVV (full)"])
        XCTAssertEqual(curves[3].components, [2, 3])
        XCTAssertEqual(curves[3].values[0], -2322.1917431166466, accuracy: 1e-9)
        XCTAssertTrue(curves.allSatisfy { $0.convention == .mclust && $0.criterion == .bic })
        let scikit = table.curves(.bic, convention: .scikitLearn)
        XCTAssertEqual(scikit[3].values[0], 2322.1917431166466, accuracy: 1e-9)
    }

    func testTextTableNamesBestModelAndFailures() throws {
        let table = try faithfulTable()
        let text = table.description
        XCTAssertTrue(text.contains("BIC (mclust sign, higher is better)"))
        XCTAssertTrue(text.contains("VVV (full)"))
        XCTAssertTrue(text.contains("-2314.30"))
        XCTAssertTrue(text.contains("best: EEE,3 (tied, K = 3)"))
        XCTAssertTrue(text.contains("best by ICL: VVV,2 (full, K = 2)"))
        XCTAssertTrue(text.contains("VVV (full), K = 1: not tried"))
        XCTAssertTrue(table.text(.aic, convention: .scikitLearn).contains("lower is better"))
    }

    func testEmptyTableHasNoBest() {
        let table = ModelSelectionTable(componentCounts: [1], covarianceTypes: [.full], entries: [])
        XCTAssertNil(table.bestIfAny())
        XCTAssertEqual(table.grid(), [[nil]])
    }

    // MARK: - Fitting the table

    /// Three well-separated round clusters of 100 points in 2-D.
    private func threeClusters() -> (x: Matrix, labels: [Int]) {
        let truth = GaussianMixtureParameters(
            weights: [0.3, 0.3, 0.4], means: Matrix([[0, 0], [10, 0], [0, 10]]),
            covariances: [Matrix([[1, 0.3], [0.3, 1]]), Matrix([[1, 0], [0, 0.5]]), Matrix([[0.7, -0.2], [-0.2, 1]])])
        return drawMixture(truth, n: 300, seed: 7)
    }

    func testSelectionFindsThreeWellSeparatedClusters() throws {
        let (x, labels) = threeClusters()
        let table = try ModelSelection.evaluate(x, components: 1...5, restarts: 3, seed: 11)
        XCTAssertEqual(table.entries.count, 20)
        XCTAssertTrue(table.failures.isEmpty)
        let best = table.best(by: .bic)
        XCTAssertEqual(best.components, 3)
        XCTAssertEqual(table.best(by: .icl).components, 3)
        XCTAssertEqual(adjustedRandIndex(labels, best.fitted.predict(x)), 1)
        for entry in table.entries {
            let p = entry.covarianceType.freeParameterCount(components: entry.components, dimension: 2)
            XCTAssertEqual(entry.parameterCount, p, entry.label)
            XCTAssertEqual(entry.fitted.parameterCount, p, entry.label)
            XCTAssertEqual(entry.components, entry.fitted.components)
            // Agrees with the fitted model's own scikit-learn-sign criteria ...
            XCTAssertEqual(entry.bic, entry.fitted.bic(x), accuracy: 1e-6 * abs(entry.bic), entry.label)
            XCTAssertEqual(entry.aic, entry.fitted.aic(x), accuracy: 1e-6 * abs(entry.aic), entry.label)
            XCTAssertEqual(entry.mclustBIC, entry.fitted.mclustBIC, accuracy: 1e-6 * abs(entry.bic), entry.label)
            // ... and ICL is never better than BIC; equal for one component.
            XCTAssertLessThanOrEqual(entry.mclustICL, entry.mclustBIC, entry.label)
            if entry.components == 1 { XCTAssertEqual(entry.icl, entry.bic, entry.label) }
        }
        // More components never lower the best full-covariance log-likelihood by much.
        let full = (1...5).map { table.entry(components: $0, covarianceType: .full)!.logLikelihood }
        for k in 1..<full.count { XCTAssertGreaterThan(full[k], full[k - 1] - 1e-6 * abs(full[k - 1])) }
    }

    func testOldFaithfulBICPicksEEEWithThreeComponentsAsMclustDoes() throws {
        // mclust's default analysis of faithful picks EEE,3; scikit-learn's tied K = 3
        // reaches BIC 2314.2957 (mclust sign -2314.2957; mclust itself reports -2314.386).
        let x = try DataTable.read(csv: fixture("faithful.csv")).numeric()
        let table = try ModelSelection.evaluate(x, components: 1...4, restarts: 10, seed: 3)
        let best = table.best(by: .bic)
        XCTAssertEqual(best.mclustName, "EEE")
        XCTAssertEqual(best.components, 3)
        XCTAssertEqual(best.bic, 2314.2956785311408, accuracy: 0.01)
        XCTAssertEqual(table.entry(components: 2, covarianceType: .full)!.mclustBIC, -2322.1917431166466, accuracy: 0.01)
        XCTAssertEqual(table.best(by: .icl).label, "VVV,2 (full, K = 2)")
    }

    func testNothingFittedIsAnError() {
        // Three points in general position: one Gaussian fits them; three or four components cannot
        // (one point each is degenerate, four are more than the rows).
        let x = Matrix([[0, 1], [2, 3], [3, 0]])
        XCTAssertThrowsError(try ModelSelection.evaluate(x, components: 3...4, seed: 1)) { error in
            guard case ModelSelectionError.nothingFitted(let failures) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(failures.count, 8)
            XCTAssertTrue("\(error)".contains("no model could be fitted"))
        }
        // Cells that fail are recorded beside those that work.
        let table = ModelSelection(componentCounts: [1, 3], covarianceTypes: [.full]).run(x, seed: 1)
        XCTAssertEqual(table.entries.map(\.components), [1])
        XCTAssertEqual(table.failures.map(\.components), [3])
    }
}
