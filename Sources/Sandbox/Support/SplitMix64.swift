/// A small, fast, seedable pseudo-random generator (Steele, Lea & Flood's SplitMix64).
///
/// The sandbox derives every generated record from `(seed, stream, index)` with a fresh generator, so a record can be
/// rebuilt at any time without storing it, and two runs with the same seed produce byte-identical data.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(state: UInt64) {
        self.state = state
    }

    /// A generator dedicated to one record: `stream` separates record kinds, `index` the records of one kind.
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        let streamMix = SplitMix64.mix(stream &* 0x9E37_79B9_7F4A_7C15 &+ index)
        self.state = SplitMix64.mix(seed ^ 0xD1B5_4A32_D192_ED03) ^ streamMix
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0), by multiply-high; the bias is negligible for the small bounds used here.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A number in `[0, 1)`.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// Picks an element by integer weights.
    mutating func pick<Element>(weighted choices: [(Element, Int)]) -> Element {
        let total = choices.reduce(0) { $0 + $1.1 }
        var roll = below(total)
        for (element, weight) in choices {
            if roll < weight { return element }
            roll -= weight
        }
        return choices[choices.count - 1].0
    }
}
