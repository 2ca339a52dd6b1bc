/// Everything that shapes one Consonance sandbox: the generated catalogue, the API key, the page size, the calendar
/// date and the faults.
///
/// The defaults behave like a small publisher's Consonance account (200 works); the benchmark raises `workCount` to
/// about 15,000 (50,000 products), and tests pin `today` so generated dates and change stamps are exact.
public struct ConsonanceSandboxConfiguration: Sendable {
    /// A 32-character alphanumeric key, shaped like the keys Consonance support issues.
    public static let defaultAPIKey = "SandboxConsonanceKey0123456789ab"

    /// Seed of the catalogue; the same seed, `workCount` and `today` always give the same data.
    public var seed: UInt64
    /// Number of generated works (ids `1…workCount`), each with two to four products.
    public var workCount: Int
    /// The key accepted in `Authorization: Bearer …`.
    public var apiKey: String
    /// Most records a root list (`products`, `works`, `contacts`) returns; the real page size is undocumented.
    public var pageSize: Int
    /// The sandbox's calendar date: generated dates are relative to it and changes are stamped with it.
    public var today: SandboxDate
    /// Injected transport and server faults (changeable at runtime with `ConsonanceSandbox.setFaults(_:)`).
    public var faults: FaultMix
    /// Seed of the fault generator; defaults to a value derived from `seed`.
    public var faultSeed: UInt64?
    /// Probability (0…1) that `changedSince` also returns a record that did not change, as Consonance's
    /// "probably changed since" may.
    public var overReportChanges: Double
    /// How many requests the request log keeps (oldest dropped first).
    public var requestLogCapacity: Int

    public init(
        seed: UInt64 = 1,
        workCount: Int = 200,
        apiKey: String = ConsonanceSandboxConfiguration.defaultAPIKey,
        pageSize: Int = 100,
        today: SandboxDate = .today(),
        faults: FaultMix = .none,
        faultSeed: UInt64? = nil,
        overReportChanges: Double = 0,
        requestLogCapacity: Int = 10_000
    ) {
        self.seed = seed
        self.workCount = workCount
        self.apiKey = apiKey
        self.pageSize = pageSize
        self.today = today
        self.faults = faults
        self.faultSeed = faultSeed
        self.overReportChanges = overReportChanges
        self.requestLogCapacity = requestLogCapacity
    }
}
