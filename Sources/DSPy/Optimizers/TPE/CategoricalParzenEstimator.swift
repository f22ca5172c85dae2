import Foundation

/// Optuna's `_ParzenEstimator` over categorical parameters only (the TPE density MIPROv2's search uses), computed
/// in the same order of floating-point operations as Optuna with NumPy, so that argmax ties break the same way.
///
/// One kernel per observed trial plus a prior kernel: each kernel is a product of per-parameter categorical
/// distributions (an observation's own choice gets +1 over a flat `1/kernels`, then the row is normalized); the
/// mixture weights are Optuna's `default_weights` plus the prior weight 1, normalized.
struct CategoricalParzenEstimator {
    /// Per kernel, its normalized weight in the mixture.
    let mixture: [Double]
    /// Per parameter (in search-space order), per kernel, the probability of each choice.
    let kernels: [[[Double]]]

    /// - Parameters:
    ///   - observations: per trial, its choice index for each parameter (in search-space order).
    ///   - choiceCounts: the number of choices of each parameter.
    init(observations: [[Int]], choiceCounts: [Int]) {
        let n = observations.count
        if n == 0 {
            mixture = [1.0]
            kernels = choiceCounts.map { count in [Array(repeating: 1.0 / Double(count), count: count)] }
            return
        }
        let weights = Self.defaultWeights(n) + [1.0]
        let total = NumPySum.sum(weights)
        mixture = weights.map { $0 / total }
        let kernelCount = Double(n + 1)
        kernels = choiceCounts.enumerated().map { parameter, count in
            (0...n).map { kernel in
                var row = Array(repeating: 1.0 / kernelCount, count: count)
                if kernel < n { row[observations[kernel][parameter]] += 1 }
                let sum = NumPySum.sum(row)
                return row.map { $0 / (sum == 0 ? 1 : sum) }
            }
        }
    }

    /// Optuna's `default_weights(n)`: ones below 25 observations, else a ramp from 1/n for the oldest n − 25.
    static func defaultWeights(_ n: Int) -> [Double] {
        guard n >= 25 else { return Array(repeating: 1.0, count: n) }
        return NumPySum.linspace(1.0 / Double(n), 1.0, count: n - 25) + Array(repeating: 1.0, count: 25)
    }

    /// `size` draws of every parameter: a kernel by `choice(p: mixture)` for each draw, then per parameter
    /// `rand(size)` quantiles against the active kernel's cumulative probabilities.
    func sample(_ rng: inout NumPyRandomState, size: Int) throws -> [[Int]] {
        let active = try rng.choice(mixture.count, size: size, p: mixture)
        var draws = Array(repeating: [Int](), count: size)
        for parameter in kernels {
            let quantiles = rng.rand(size)
            for (draw, kernel) in active.enumerated() {
                var cumulative = parameter[kernel]
                for i in cumulative.indices.dropFirst() { cumulative[i] += cumulative[i - 1] }
                cumulative[cumulative.count - 1] = 1
                draws[draw].append(cumulative.count { $0 < quantiles[draw] })
            }
        }
        return draws
    }

    /// The log density of each draw under the mixture: a log-sum-exp over kernels, as `_MixtureOfProductDistribution.log_pdf`.
    func logPDF(_ draws: [[Int]]) -> [Double] {
        draws.map { draw in
            let terms = mixture.indices.map { kernel in
                var value = 0.0
                for (parameter, choice) in draw.enumerated() { value += Foundation.log(kernels[parameter][kernel][choice]) }
                return value + Foundation.log(mixture[kernel])
            }
            var top = terms.max() ?? 0
            if top == -.infinity { top = 0 }
            return Foundation.log(NumPySum.sum(terms.map { Foundation.exp($0 - top) })) + top
        }
    }
}

/// NumPy's float64 reductions, in its order of additions.
enum NumPySum {
    /// `np.sum` of a contiguous float64 array (also each row of `sum(axis=-1)`): NumPy's pairwise summation.
    static func sum(_ values: [Double]) -> Double {
        pairwise(values[...])
    }

    private static func pairwise(_ values: ArraySlice<Double>) -> Double {
        let n = values.count, start = values.startIndex
        if n < 8 {
            return values.reduce(0.0, +)
        } else if n <= 128 {
            var partial = Array(values[start..<(start + 8)])
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { partial[j] += values[start + i + j] }
                i += 8
            }
            var result = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
                + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
            while i < n {
                result += values[start + i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return pairwise(values[start..<(start + half)]) + pairwise(values[(start + half)...])
    }

    /// `np.linspace(start, stop, count)`: `i · step + start`, the last value exactly `stop`.
    static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var values = (0..<count).map { Double($0) * step + start }
        values[count - 1] = stop
        return values
    }
}
