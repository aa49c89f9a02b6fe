import LinearAlgebra

/// One pass over the data in cache-sized blocks, split over the cores: the E-step, the
/// M-step's accumulation, or both fused (E-step of a block, then its statistics, while
/// the block is still in cache). Partitions reduce in a fixed order, so results are
/// bit-identical whatever the thread scheduling.
enum EMPass {
    struct Output {
        /// Σₙ log p(xₙ) (zero when no E-step ran).
        var logLikelihood: Double
        /// The accumulated statistics, when centres were given.
        var statistics: SufficientStatistics?
    }

    /// E-step only: optional N × K responsibilities and N log densities out.
    static func run(_ x: Matrix, geometry: MixtureGeometry,
                    responsibilitiesOut: UnsafeMutablePointer<Double>? = nil,
                    logDensityOut: UnsafeMutablePointer<Double>? = nil) -> Output {
        general(x, geometry: geometry, covarianceType: geometry.covarianceType, components: geometry.components,
                responsibilitiesIn: nil, responsibilitiesOut: responsibilitiesOut, logDensityOut: logDensityOut, centres: nil)
    }

    /// M-step accumulation only, from given responsibilities, scatter around `centres`.
    static func run(_ x: Matrix, covarianceType: CovarianceType, components: Int,
                    responsibilitiesIn: UnsafePointer<Double>, centres: [Double]) -> Output {
        general(x, geometry: nil, covarianceType: covarianceType, components: components,
                responsibilitiesIn: responsibilitiesIn, responsibilitiesOut: nil, logDensityOut: nil, centres: centres)
    }

    /// Fused iteration: E-step under `geometry`, then statistics around the old means.
    static func fused(_ x: Matrix, geometry: MixtureGeometry) -> Output {
        general(x, geometry: geometry, covarianceType: geometry.covarianceType, components: geometry.components,
                responsibilitiesIn: nil, responsibilitiesOut: nil, logDensityOut: nil, centres: geometry.means)
    }

    private static func general(_ x: Matrix, geometry: MixtureGeometry?, covarianceType: CovarianceType,
                                components k: Int,
                                responsibilitiesIn: UnsafePointer<Double>?,
                                responsibilitiesOut: UnsafeMutablePointer<Double>?,
                                logDensityOut: UnsafeMutablePointer<Double>?,
                                centres: [Double]?) -> Output {
        let d = x.columns
        let partition = BlockPartition(rows: x.rows, columns: d, components: k)
        let outputs = UnsafeMutableBufferPointer<Output>.allocate(capacity: partition.partitions)
        defer { outputs.deallocate() }
        // Our partitions are the parallelism: OpenBLAS runs single-threaded inside them.
        let threads = partition.partitions > 1 ? 1 : BLASThreads.current
        BLASThreads.withThreads(threads) { x.storage.withUnsafeBufferPointer { xs in
            guard let base = xs.baseAddress else {
                for p in 0..<partition.partitions {
                    (outputs.baseAddress! + p).initialize(to: Output(logLikelihood: 0, statistics: centres.map {
                        SufficientStatistics(covarianceType: covarianceType, components: k, dimensions: d, centres: $0)
                    }))
                }
                return
            }
            let shared = UncheckedSendable((base, outputs, responsibilitiesIn, responsibilitiesOut, logDensityOut))
            partition.forEachPartition { p in
                let (base, outputs, rIn, rOut, lOut) = shared.value
                let b = partition.blockSize
                let scratch = UnsafeMutablePointer<Double>.allocate(capacity: b * max(1, d) * max(1, k))
                let localResponsibilities = UnsafeMutablePointer<Double>.allocate(capacity: b * k)
                defer { scratch.deallocate(); localResponsibilities.deallocate() }
                var stats = centres.map {
                    SufficientStatistics(covarianceType: covarianceType, components: k, dimensions: d, centres: $0)
                }
                var logLikelihood = 0.0
                for block in partition.blocks(ofPartition: p) {
                    let range = partition.blockRange(block)
                    let rows = range.count
                    let xBlock = base + range.lowerBound * d
                    let r: UnsafePointer<Double>
                    if let geometry {
                        let out = rOut.map { $0 + range.lowerBound * k } ?? localResponsibilities
                        logLikelihood += GaussianMixtureEM.blockEStep(
                            x: xBlock, rows: rows, geometry: geometry, scratch: scratch,
                            responsibilities: out, logDensity: lOut.map { $0 + range.lowerBound })
                        r = UnsafePointer(out)
                    } else {
                        r = rIn! + range.lowerBound * k
                    }
                    if stats != nil {
                        GaussianMixtureEM.blockAccumulate(x: xBlock, rows: rows, responsibilities: r,
                                                          scratch: scratch, into: &stats!)
                    }
                }
                (outputs.baseAddress! + p).initialize(to: Output(logLikelihood: logLikelihood, statistics: stats))
            }
        } }
        var result = outputs[0]
        for p in 1..<max(1, partition.partitions) {
            result.logLikelihood += outputs[p].logLikelihood
            if let s = outputs[p].statistics { result.statistics!.add(s) }
        }
        _ = outputs.baseAddress.map { $0.deinitialize(count: partition.partitions) }
        return result
    }
}
