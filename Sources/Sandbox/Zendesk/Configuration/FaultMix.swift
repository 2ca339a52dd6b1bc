/// Probabilities of injected transport and server faults, parsed from text such as
/// `5xx=0.1,429=0.05,reset=0.02,truncate=0.01,slow=0.02,slow-delay=2s`.
///
/// Clients must survive a flaky remote: retry 5xx and 429 with `Retry-After`, treat a reset or truncated body as a
/// failed request, and time out slow answers. The sandbox draws faults from a seeded generator so runs reproduce.
public struct FaultMix: Sendable, Equatable, CustomStringConvertible {
    /// Probability of a server error, split evenly between 500 (JSON or HTML body) and 503 (plain text, `Retry-After: 1`).
    public var serverError: Double
    /// Probability of a 500 only.
    public var internalServerError: Double
    /// Probability of a 503 only.
    public var serviceUnavailable: Double
    /// Probability of a 429 with `Retry-After: 1`.
    public var tooManyRequests: Double
    /// Probability that the connection is reset without any response.
    public var connectionReset: Double
    /// Probability that the real response is cut off part-way through its body.
    public var truncatedBody: Double
    /// Probability that the real response is delayed by `slowDelay`.
    public var slowResponse: Double
    /// Delay applied to slow responses.
    public var slowDelay: Duration

    public init(
        serverError: Double = 0, internalServerError: Double = 0, serviceUnavailable: Double = 0,
        tooManyRequests: Double = 0, connectionReset: Double = 0, truncatedBody: Double = 0,
        slowResponse: Double = 0, slowDelay: Duration = .milliseconds(1500)
    ) {
        self.serverError = serverError
        self.internalServerError = internalServerError
        self.serviceUnavailable = serviceUnavailable
        self.tooManyRequests = tooManyRequests
        self.connectionReset = connectionReset
        self.truncatedBody = truncatedBody
        self.slowResponse = slowResponse
        self.slowDelay = slowDelay
    }

    /// No faults.
    public static let none = FaultMix()

    /// Sum of all fault probabilities (at most 1).
    public var totalProbability: Double {
        serverError + internalServerError + serviceUnavailable + tooManyRequests + connectionReset + truncatedBody
            + slowResponse
    }

    private static let keys = "5xx, 500, 503, 429, reset, truncate, slow, slow-delay"

    /// Parses `key=value` pairs separated by commas; `none` or an empty string means no faults.
    public init(parsing text: String) throws(SpecParseError) {
        self = .none
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty || trimmed == "none" { return }
        for part in trimmed.split(separator: ",").map({ String($0).trimmingSpaces() }) {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard pieces.count == 2 else {
                throw SpecParseError("faults: '\(part)' is not of the form kind=probability (kinds: \(FaultMix.keys))")
            }
            let (name, value) = (pieces[0], pieces[1])
            if name == "slow-delay" {
                guard let delay = DurationText.parse(value) else {
                    throw SpecParseError("faults: '\(value)' in '\(part)' is not a duration (use e.g. 500ms, 2s)")
                }
                slowDelay = delay
                continue
            }
            guard let probability = Double(value), probability >= 0, probability <= 1 else {
                throw SpecParseError("faults: '\(value)' in '\(part)' is not a probability between 0 and 1")
            }
            switch name {
            case "5xx": serverError = probability
            case "500": internalServerError = probability
            case "503": serviceUnavailable = probability
            case "429": tooManyRequests = probability
            case "reset": connectionReset = probability
            case "truncate": truncatedBody = probability
            case "slow": slowResponse = probability
            default:
                throw SpecParseError("faults: unknown fault '\(name)' in '\(part)' (expected one of \(FaultMix.keys))")
            }
        }
        guard totalProbability <= 1.000_000_1 else {
            throw SpecParseError("faults: probabilities in '\(trimmed)' add up to \(totalProbability), more than 1")
        }
    }

    public var description: String {
        var parts: [String] = []
        let entries: [(String, Double)] = [
            ("5xx", serverError), ("500", internalServerError), ("503", serviceUnavailable), ("429", tooManyRequests),
            ("reset", connectionReset), ("truncate", truncatedBody), ("slow", slowResponse),
        ]
        for (name, value) in entries where value > 0 { parts.append("\(name)=\(value)") }
        if slowResponse > 0 { parts.append("slow-delay=\(Int64(DurationText.seconds(slowDelay) * 1000))ms") }
        return parts.isEmpty ? "none" : parts.joined(separator: ",")
    }
}
