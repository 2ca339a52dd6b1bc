import Foundation
import LooseJSON

/// An automation: "when this happens, and these conditions hold, do these steps". Loaded from a YAML file
/// (see docs/flows.md) and checked by ``FlowLinter`` before it can run.
public struct Flow: Sendable {
    public var name: String
    public var description: String?
    public var file: String
    public var enabled: Bool
    public var trigger: FlowTrigger
    public var triggerLocation: SourceLocation
    /// All must hold.
    public var conditions: [Condition]
    public var steps: [FlowStep]
    /// The default retry policy of the steps.
    public var retry: RetrySettings
    /// SHA-256 of the file, recorded with each run.
    public var version: String

    /// Whether `event` starts this flow: its trigger matches and every condition holds.
    public func matches(_ event: Event) -> Bool {
        guard enabled, trigger.matches(event, flowName: name) else { return false }
        guard !conditions.isEmpty else { return true }
        let context = event.templateContext
        return conditions.allSatisfy { $0.evaluate(context) }
    }

    public func step(_ id: String) -> FlowStep? { steps.first { $0.id == id } }
}

/// One action of a flow, with parameters that may be templates.
public struct FlowStep: Sendable {
    public var id: String
    public var action: String
    public var actionLocation: SourceLocation
    public var parameters: [String: FlowValue]
    public var retry: RetrySettings
    /// The step runs only when all of these hold (`if:` in the file); otherwise it is recorded as skipped and the
    /// run goes on. They read the event and the outputs of earlier steps, like the parameters.
    public var conditions: [Condition] = []

    /// Whether the step runs, given the event context with `steps` (earlier outputs) filled in.
    public func shouldRun(_ context: JSONValue) -> Bool {
        conditions.allSatisfy { $0.evaluate(context) }
    }

    /// Render the parameters against the event context and the outputs of earlier steps.
    public func render(_ context: JSONValue) -> JSONValue {
        .object(parameters.mapValues { $0.render(context) })
    }
}

/// A parameter value: literal JSON, with every string parsed as a template.
public indirect enum FlowValue: Sendable {
    case template(FlowTemplate, SourceLocation)
    case literal(JSONValue, SourceLocation)
    case list([FlowValue], SourceLocation)
    case object([String: FlowValue], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .template(_, let location), .literal(_, let location), .list(_, let location), .object(_, let location): return location
        }
    }

    public func render(_ context: JSONValue) -> JSONValue {
        switch self {
        case .template(let template, _): return template.render(context)
        case .literal(let value, _): return value
        case .list(let values, _): return .array(values.map { $0.render(context) })
        case .object(let values, _): return .object(values.mapValues { $0.render(context) })
        }
    }
}

/// How often and how patiently a failing step is retried before its run goes to dead letters.
public struct RetrySettings: Sendable, Hashable, Codable {
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    public var jitter: Double

    public init(maxAttempts: Int = 5, initialDelay: Duration = .seconds(2), maxDelay: Duration = .seconds(300), jitter: Double = 0.3) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    public static let standard = RetrySettings()

    /// Delay before attempt `failed + 1`: exponential from `initialDelay`, capped, with `jitter` spread.
    public func delay(afterFailedAttempts failed: Int, random: Double = Double.random(in: 0...1)) -> Duration {
        let base = Double(initialDelay.components.seconds) + Double(initialDelay.components.attoseconds) / 1e18
        let cap = Double(maxDelay.components.seconds) + Double(maxDelay.components.attoseconds) / 1e18
        let raw = min(base * pow(2, Double(max(0, failed - 1))), cap)
        return .milliseconds(Int64((raw * (1 - jitter * random)) * 1000))
    }

    enum CodingKeys: String, CodingKey { case maxAttempts = "max_attempts", initialDelayMs = "initial_delay_ms", maxDelayMs = "max_delay_ms", jitter }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxAttempts = try c.decode(Int.self, forKey: .maxAttempts)
        initialDelay = .milliseconds(try c.decode(Int64.self, forKey: .initialDelayMs))
        maxDelay = .milliseconds(try c.decode(Int64.self, forKey: .maxDelayMs))
        jitter = try c.decode(Double.self, forKey: .jitter)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxAttempts, forKey: .maxAttempts)
        try c.encode(initialDelay.components.seconds * 1000 + initialDelay.components.attoseconds / 1_000_000_000_000_000, forKey: .initialDelayMs)
        try c.encode(maxDelay.components.seconds * 1000 + maxDelay.components.attoseconds / 1_000_000_000_000_000, forKey: .maxDelayMs)
        try c.encode(jitter, forKey: .jitter)
    }
}
