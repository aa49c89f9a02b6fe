import Foundation
import XCTest

/// `mixbook fit fa` and `mixbook fit hmog` as a user runs them (release binary, as the
/// other fit-command tests).
extension FitCommandTests {
    func testFactorAnalysisJSONMatchesScikitLearnOnOldFaithful() throws {
        let r = try run(["fit", "fa", "--data", faithful, "--latent", "1", "--tol", "1e-12", "--max-iter", "10000", "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        // scikit-learn 1.9.1: FactorAnalysis(n_components=1, tol=1e-12).fit(X).score(X). With p = 2 and
        // d = 1 the model reproduces the sample covariance, so this is also the Gaussian maximum.
        XCTAssertEqual(try XCTUnwrap(json["logLikelihoodPerSample"] as? Double), -4.74189979798755, accuracy: 1e-9)
        XCTAssertEqual(json["model"] as? String, "factor-analysis")
        XCTAssertEqual((json["psi"] as? [Double])?.count, 2)
    }

    func testHMoGJSONWithLabelsAndEveryMethod() throws {
        for method in ["em", "gradient", "diagonal"] {
            let r = try run(["fit", "hmog", "--data", faithful, "--latent", "1", "--components", "2", "--method", method,
                             "--max-iter", "30", "--seed", "2", "--json", "--labels"])
            XCTAssertEqual(r.status, 0, r.err)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
            let perRow = try XCTUnwrap(json["logLikelihoodPerSample"] as? Double)
            // Old Faithful's two-component full GMM reaches −1130.264 / 272 = −4.155 per row; an HMoG
            // with d = 1 is a constrained version of it, and one Gaussian (d = 1 reproduces it) gives −4.742.
            XCTAssertLessThanOrEqual(perRow, -1130.264 / 272 + 1e-6, method)
            XCTAssertGreaterThan(perRow, -4.742 - 0.5, method)
            XCTAssertEqual((json["labels"] as? [Int])?.count, 272, method)
            XCTAssertEqual(json["method"] as? String, method)
        }
    }

    func testHMoGBadInputNamesTheProblem() throws {
        let r = try run(["fit", "hmog", "--data", faithful, "--latent", "2", "--components", "2"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("latent dimension must be between 1 and 1"), r.err)
        let m = try run(["fit", "hmog", "--data", faithful, "--latent", "1", "--components", "2", "--method", "newton"])
        XCTAssertNotEqual(m.status, 0)
        XCTAssertTrue(m.err.contains("--method must be em, gradient or diagonal"), m.err)
        let f = try run(["fit", "hmog", "--data", faithful, "--latent", "1", "--components", "2", "--column-noise-floor", "1.5"])
        XCTAssertNotEqual(f.status, 0)
        XCTAssertTrue(f.err.contains("--column-noise-floor must be a fraction in [0, 1)"), f.err)
    }
}
