/// Stan's warm-up schedule for the mass matrix: a fast initial buffer (75 iterations) for
/// the step size alone, slow windows that double in length (from 25) in which draws are
/// collected to estimate the posterior (co)variance, and a terminal buffer (50) for the
/// final step size. Short warm-ups scale the buffers to 15 % / 10 % as Stan does.
struct AdaptationWindows: Sendable {
    let warmup: Int
    private(set) var initialBuffer: Int
    private(set) var terminalBuffer: Int
    private var windowSize: Int
    private var nextWindowEnd: Int
    /// Iterations seen so far.
    private(set) var counter = 0

    init(warmup: Int, initialBuffer: Int = 75, terminalBuffer: Int = 50, baseWindow: Int = 25) {
        self.warmup = warmup
        var ib = initialBuffer, tb = terminalBuffer, bw = baseWindow
        if warmup < 20 {
            ib = warmup; tb = 0; bw = 0   // too short: step size only
        } else if ib + tb + bw > warmup {
            ib = Int(0.15 * Double(warmup))
            tb = Int(0.1 * Double(warmup))
            bw = warmup - (ib + tb)
        }
        self.initialBuffer = ib
        self.terminalBuffer = tb
        windowSize = bw
        nextWindowEnd = ib + bw - 1
    }

    /// Whether the current iteration's draw feeds the (co)variance estimate.
    var inSlowWindow: Bool {
        windowSize > 0 && counter >= initialBuffer && counter < warmup - terminalBuffer && counter != warmup
    }

    /// Whether the current iteration closes a slow window (update the metric now).
    var endsSlowWindow: Bool { windowSize > 0 && counter == nextWindowEnd && counter != warmup }

    /// Moves to the next iteration; call after reading `inSlowWindow` / `endsSlowWindow`.
    mutating func advance() {
        if endsSlowWindow { computeNextWindow() }
        counter += 1
    }

    private mutating func computeNextWindow() {
        let lastEnd = warmup - terminalBuffer - 1
        if nextWindowEnd == lastEnd { return }
        windowSize *= 2
        nextWindowEnd = counter + windowSize
        if nextWindowEnd != lastEnd && nextWindowEnd + 2 * windowSize >= warmup - terminalBuffer {
            nextWindowEnd = lastEnd
        }
    }
}
