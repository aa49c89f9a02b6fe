import LinearAlgebra

/// The checks every sampled model makes of its data before it builds a log density, so
/// that bad input fails with a message naming the row or column instead of as a sampler
/// that finds no finite starting point.
enum SamplerInputCheck {
    /// Rows for `components` components: at least as many rows as components, finite, and
    /// small enough that squared distances do not overflow (`DataValidation`'s rule).
    /// `what` names the values in messages ("value", "covariate").
    /// - Throws: `SamplerError.invalidModelInput`.
    static func rows(_ x: Matrix, components k: Int, what: String = "value") throws {
        guard x.rows >= k else {
            throw SamplerError.invalidModelInput("cannot sample \(k) components with \(x.rows) data rows: need at least as many rows as components")
        }
        guard x.columns >= 1 else { return }
        if let bad = x.storage.firstIndex(where: { !$0.isFinite }) {
            throw SamplerError.invalidModelInput("non-finite \(what) at row \(bad / x.columns + 1), column \(bad % x.columns + 1)")
        }
        if let worst = DataValidation.overflowingColumn(x) {
            throw SamplerError.invalidModelInput(tooLarge(what: "\(what) column \(worst.column + 1)", magnitude: worst.magnitude))
        }
    }

    /// A regression target: finite, not constant, not overflowing.
    /// - Throws: `SamplerError.invalidModelInput`.
    static func target(_ y: [Double]) throws {
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw SamplerError.invalidModelInput("non-finite target at row \(bad + 1)") }
        if let first = y.first, y.allSatisfy({ $0 == first }) {
            throw SamplerError.invalidModelInput("the target is constant (every row is \(first)): there is nothing to regress")
        }
        if let worst = DataValidation.overflowingColumn(Matrix(rows: y.count, columns: 1, storage: y)) {
            throw SamplerError.invalidModelInput(tooLarge(what: "the target", magnitude: worst.magnitude))
        }
    }

    private static func tooLarge(what: String, magnitude m: Double) -> String {
        "\(what) has values up to \(m), too large: their squares overflow double precision; "
            + "\(DataValidation.rescaleAdvice(magnitude: m)) and sample again"
    }
}
