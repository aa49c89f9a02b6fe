import Foundation
import LinearAlgebra

/// Covariates, targets and the design x̃ = [x, 1] of a regression mixture, validated once.
struct RegressionData: Sendable {
    /// N × D covariates as given.
    let covariates: Matrix
    /// N × P design: the covariates, then a column of ones when there is an intercept.
    let design: Matrix
    /// N × T targets.
    let targets: Matrix
    let covariateNames: [String]
    let targetNames: [String]
    let intercept: Bool

    var rows: Int { targets.rows }
    var designNames: [String] { covariateNames + (intercept ? ["intercept"] : []) }
    /// Population variance of every target column.
    let targetVariances: [Double]

    /// - Throws: `MixtureRegressionError` naming the column or row at fault: shapes, NaN or
    ///   infinity, values so large that their squares overflow, a constant target, K > N, collinear design columns (checked by an
    ///   unweighted least-squares fit; `ridge > 0` lifts that check).
    init(covariates x: Matrix, targets y: Matrix, covariateNames: [String]?, targetNames: [String]?,
         intercept: Bool, components: Int, ridge: Double) throws {
        guard y.rows > 0, y.columns > 0 else { throw MixtureRegressionError.emptyData(rows: y.rows, targets: y.columns) }
        guard x.rows == y.rows else { throw MixtureRegressionError.rowCountMismatch(covariates: x.rows, targets: y.rows) }
        let xNames = covariateNames ?? (0..<x.columns).map { "x\($0 + 1)" }
        let yNames = targetNames ?? (y.columns == 1 ? ["y"] : (0..<y.columns).map { "y\($0 + 1)" })
        guard xNames.count == x.columns else {
            throw MixtureRegressionError.badNames("\(xNames.count) covariate names for \(x.columns) covariate columns")
        }
        guard yNames.count == y.columns else {
            throw MixtureRegressionError.badNames("\(yNames.count) target names for \(y.columns) target columns")
        }
        guard components >= 1 else {
            throw MixtureRegressionError.invalidConfiguration("components must be at least 1, got \(components)")
        }
        guard components <= y.rows else { throw MixtureRegressionError.tooFewRows(rows: y.rows, components: components) }
        if let bad = x.storage.firstIndex(where: { !$0.isFinite }) {
            throw MixtureRegressionError.nonFinite(row: bad / x.columns, column: xNames[bad % x.columns])
        }
        if let bad = y.storage.firstIndex(where: { !$0.isFinite }) {
            throw MixtureRegressionError.nonFinite(row: bad / y.columns, column: yNames[bad % y.columns])
        }
        for (values, names) in [(x, xNames), (y, yNames)] {
            if let worst = DataValidation.overflowingColumn(values) {
                throw MixtureRegressionError.dataOutOfRange(column: names[worst.column], magnitude: worst.magnitude)
            }
        }
        let n = y.rows, t = y.columns
        var variances = [Double](repeating: 0, count: t)
        for j in 0..<t {
            let column = y.column(j)
            let mean = column.reduce(0, +) / Double(n)
            variances[j] = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
            if column.allSatisfy({ $0 == column[0] }) {
                throw MixtureRegressionError.constantTarget(column: yNames[j], value: column[0])
            }
        }
        let p = x.columns + (intercept ? 1 : 0)
        guard p > 0 else { throw MixtureRegressionError.noCovariates("the design has no columns: give covariates or keep the intercept") }
        var design = Matrix(rows: n, columns: p)
        for i in 0..<n {
            for j in 0..<x.columns { design.storage[i * p + j] = x.storage[i * x.columns + j] }
            if intercept { design.storage[i * p + p - 1] = 1 }
        }
        self.covariates = x
        self.design = design
        self.targets = y
        self.covariateNames = xNames
        self.targetNames = yNames
        self.intercept = intercept
        self.targetVariances = variances
        do {
            _ = try LeastSquares.weighted(design, y, weights: [Double](repeating: 1, count: n), ridge: ridge)
        } catch LeastSquaresError.collinear(let column) {
            let names = designNames
            throw MixtureRegressionError.collinear(column: names[column], earlier: Array(names[..<column]))
        }
    }
}
