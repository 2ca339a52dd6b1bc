/// A configuration string (rate-limit spec, fault mix, duration) that could not be understood.
///
/// The CLI passes user-typed text straight to the parsers, so the error names the offending part and the accepted form.
public struct SpecParseError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Parses durations written as `250ms`, `2s`, `1.5s` or `1m`.
enum DurationText {
    static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingSpaces()
        let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count)
            guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
            return .milliseconds(Int64((value * scale * 1000).rounded()))
        }
        return nil
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
