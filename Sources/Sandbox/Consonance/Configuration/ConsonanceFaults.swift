/// The faults of a Consonance sandbox as one value: the transport and server faults every sandbox shares
/// (`FaultMix`) plus Consonance's own, over-reported `changedSince` results.
///
/// Text form: the `FaultMix` keys (`5xx`, `500`, `503`, `429`, `reset`, `truncate`, `slow`, `slow-delay`) and
/// `over-report=P`, e.g. `500=0.1,429=0.05,over-report=0.2`; `none` means no faults.
public struct ConsonanceFaults: Sendable, Equatable, CustomStringConvertible {
    public var mix: FaultMix
    /// Probability that `changedSince` also returns an unchanged record.
    public var overReportChanges: Double

    public init(mix: FaultMix = .none, overReportChanges: Double = 0) {
        self.mix = mix
        self.overReportChanges = overReportChanges
    }

    public init(parsing text: String) throws(SpecParseError) {
        var rest: [String] = []
        var overReport = 0.0
        for part in text.split(separator: ",").map({ String($0).trimmingSpaces() }) {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard pieces.first == "over-report" else {
                rest.append(part)
                continue
            }
            guard pieces.count == 2, let value = Double(pieces[1]), value >= 0, value <= 1 else {
                throw SpecParseError("faults: '\(part)' needs a probability between 0 and 1, e.g. over-report=0.2")
            }
            overReport = value
        }
        mix = try FaultMix(parsing: rest.joined(separator: ","))
        overReportChanges = overReport
    }

    public var description: String {
        guard overReportChanges > 0 else { return mix.description }
        let base = mix == .none ? "" : mix.description + ","
        return base + "over-report=\(overReportChanges)"
    }
}
