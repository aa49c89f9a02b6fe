import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// The prior options of the NUTS models of `mixbook sample` (`GaussianMixturePriors`):
/// the weights' Dirichlet concentration and the scales of the mean and scale priors, which
/// are in the data's units.
struct PriorOptions: ParsableArguments {
    @Option(name: .customLong("dirichlet"), help: "Dirichlet concentration α of the weights.")
    var dirichlet: Double = GaussianMixturePriors().dirichletConcentration

    @Option(name: .customLong("mean-scale"),
            help: "NUTS: standard deviation s of the Normal(0, s) prior on every mean coordinate and regression coefficient, in the data's units.")
    var meanScale: Double = GaussianMixturePriors().meanScale

    @Option(name: .customLong("scale-scale"),
            help: "NUTS: scale of the HalfCauchy prior on every component standard deviation, in the data's units.")
    var scaleScale: Double = GaussianMixturePriors().scaleScale

    func validate() throws {
        for (flag, value) in [("--dirichlet", dirichlet), ("--mean-scale", meanScale), ("--scale-scale", scaleScale)]
        where !(value > 0 && value.isFinite) {
            throw ValidationError("\(flag) must be positive and finite (got \(value)).")
        }
    }

    var priors: GaussianMixturePriors {
        GaussianMixturePriors(dirichletConcentration: dirichlet, meanScale: meanScale, scaleScale: scaleScale)
    }

    /// The NUTS priors in words, for the report's settings.
    var description: String {
        "weights ~ Dirichlet(\(dirichlet)), means and coefficients ~ Normal(0, \(meanScale)), scales ~ HalfCauchy(\(scaleScale))"
    }

    /// Whether --mean-scale or --scale-scale was set to something other than its default
    /// (they mean nothing to the conjugate priors Gibbs samples).
    var setsScales: Bool {
        let defaults = GaussianMixturePriors()
        return meanScale != defaults.meanScale || scaleScale != defaults.scaleScale
    }

    /// Writes `GaussianMixturePriors.meanPriorWarning` to stderr when the data lie outside
    /// the prior on `subject`.
    func warnIfOutsidePrior(_ x: Matrix, names: [String], subject: String = "the means") {
        if let warning = priors.meanPriorWarning(data: x, names: names, subject: subject) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
    }
}
