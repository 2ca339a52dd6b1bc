import Synchronization

/// What the template registry held for each (template, languages) a step asked about, kept for that step only.
///
/// A fan-out step sends one template to thousands of people who mostly share a language list; reading the registry
/// once per person cost two queries per message. Kept per step (never across steps), so a template approved, paused
/// or added between runs is seen by the next run; WhatsApp itself refuses a template paused in the middle of one.
final class TemplateChoiceCache: Sendable {
    private let entries = Mutex<[String: SendPolicy.TemplateChoice]>([:])

    init() {}

    /// The cached choice for `name` in `languages`, or the one `lookup` reads, which is then kept.
    func choice(name: String, languages: [String], lookup: () async throws -> SendPolicy.TemplateChoice) async throws -> SendPolicy.TemplateChoice {
        let key = ([name] + languages).joined(separator: "\u{1F}")
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let choice = try await lookup()
        entries.withLock { $0[key] = choice }
        return choice
    }
}
