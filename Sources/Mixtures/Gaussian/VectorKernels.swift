/// Short vector loops over one row, written with SIMD types so they run two or four
/// doubles at a time whatever the compiler can prove about pointer aliasing.
enum VectorKernels {
    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// ‖y − b‖² over `d` elements.
    @inline(__always)
    static func squaredDistance(_ y: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var acc = SIMD4<Double>()
        var j = 0
        while j + 4 <= d {
            let t = load(y + j) - load(b + j)
            acc += t * t
            j += 4
        }
        var s = (acc[0] + acc[1]) + (acc[2] + acc[3])
        while j < d { let t = y[j] - b[j]; s += t * t; j += 1 }
        return s
    }

    /// `z = w·(x − c)` over `d` elements.
    @inline(__always)
    static func scaledDifference(_ x: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ w: Double,
                                 into z: UnsafeMutablePointer<Double>, _ d: Int) {
        var j = 0
        let ws = SIMD4<Double>(repeating: w)
        while j + 4 <= d {
            UnsafeMutableRawPointer(z + j).storeBytes(of: ws * (load(x + j) - load(c + j)), as: SIMD4<Double>.self)
            j += 4
        }
        while j < d { z[j] = w * (x[j] - c[j]); j += 1 }
    }
}
