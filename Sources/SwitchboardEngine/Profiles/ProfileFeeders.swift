import Foundation
import SwitchboardCore
import SwitchboardStore

/// Turns the people Switchboard already holds into identity activities and ingests them: Zendesk users from the
/// mirror (source `zendesk`), Consonance contributors from the publishing snapshot (`consonance`), the WhatsApp contacts
/// directory (`directory`), and the WhatsApp numbers those contacts wrote from (`whatsapp`).
///
/// Activity ids are derived from each record's version (its update time, or a digest of its values), so a rebuild
/// run twice ingests nothing the second time, and a changed record becomes a new activity. Values that cannot be
/// normalised (a phone without a country code) are dropped, not fatal.
public struct ProfileFeeders: Sendable {
    public let profiles: PeopleProfiles
    public var batchSize: Int

    public init(profiles: PeopleProfiles, batchSize: Int = 500) {
        self.profiles = profiles
        self.batchSize = batchSize
    }

    /// What one source contributed to a rebuild.
    public struct SourceReport: Sendable, Equatable {
        public var source: ProfileSource
        public var records = 0
        public var ingested = 0
        public var duplicates = 0
        public var merges = 0
        public var changes = 0
    }

    /// Feed every source; `progress` is told after each batch.
    public func rebuild(progress: @Sendable (SourceReport) -> Void = { _ in }) async throws -> [SourceReport] {
        var reports: [SourceReport] = []
        reports.append(try await feedZendesk(progress: progress))
        reports.append(try await feedConsonance(progress: progress))
        let (directory, whatsapp) = try await feedDirectory(progress: progress)
        reports.append(directory)
        reports.append(whatsapp)
        return reports
    }

    public func feedZendesk(progress: @Sendable (SourceReport) -> Void = { _ in }) async throws -> SourceReport {
        var report = SourceReport(source: .zendesk)
        var after: (connection: String, id: Int64)?
        while true {
            let page = try await profiles.store.session { [after, batchSize] in try await $0.zendeskUsersForProfiles(after: after, limit: batchSize) }
            guard let last = page.last else { break }
            after = (last.connection, last.id)
            try await ingest(page.map(\.record), source: .zendesk, activityPrefix: "user", into: &report)
            progress(report)
        }
        return report
    }

    public func feedConsonance(progress: @Sendable (SourceReport) -> Void = { _ in }) async throws -> SourceReport {
        var report = SourceReport(source: .consonance)
        let records = try await profiles.store.session { try await $0.consonanceContributorsForProfiles() }
        for start in stride(from: 0, to: records.count, by: batchSize) {
            try await ingest(Array(records[start..<min(start + batchSize, records.count)]), source: .consonance, activityPrefix: "contributor", into: &report)
            progress(report)
        }
        return report
    }

    public func feedDirectory(progress: @Sendable (SourceReport) -> Void = { _ in }) async throws -> (directory: SourceReport, whatsapp: SourceReport) {
        var directory = SourceReport(source: .directory)
        var whatsapp = SourceReport(source: .whatsapp)
        var after: String?
        while true {
            let page = try await profiles.store.session { [after, batchSize] in try await $0.directoryContactsForProfiles(after: after, limit: batchSize) }
            guard let last = page.last else { break }
            after = last.record.identity
            try await ingest(page.map(\.record), source: .directory, activityPrefix: "contact", into: &directory)
            let wrote = page.compactMap { entry -> ProfileFeedRecord? in
                guard let at = entry.lastInboundAt, let phone = entry.record.values[.phone] else { return nil }
                return ProfileFeedRecord(identity: entry.waID ?? String(phone.drop { $0 == "+" }), changedAt: at, values: [.phone: phone])
            }
            try await ingest(wrote, source: .whatsapp, activityPrefix: "inbound", into: &whatsapp)
            progress(directory)
        }
        return (directory, whatsapp)
    }

    private func ingest(_ records: [ProfileFeedRecord], source: ProfileSource, activityPrefix: String, into report: inout SourceReport) async throws {
        report.records += records.count
        let activities = records.compactMap { record in
            try? ProfileActivity(source: source, activityID: Self.activityID(prefix: activityPrefix, record), identity: record.identity,
                                 occurredAt: record.changedAt, values: record.values, lenient: true)
        }
        guard !activities.isEmpty else { return }
        for result in try await profiles.ingest(batch: activities) {
            if result.duplicate { report.duplicates += 1 } else { report.ingested += 1 }
            report.merges += result.merges.count
            report.changes += result.changes.count
        }
    }

    /// `prefix:identity:time:digest` — the digest of the values makes a changed record a new activity even when its
    /// source keeps no update time. Consonance contributors have none (their time is when their works were last
    /// polled), so theirs is `contributor:identity:digest`: the same values are the same activity.
    static func activityID(prefix: String, _ record: ProfileFeedRecord) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (field, value) in record.values.sorted(by: { $0.key < $1.key }) {
            for byte in (field.rawValue + "=" + value + "\u{1}").utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let digest = String(hash, radix: 16)
        return prefix == "contributor" ? "\(prefix):\(record.identity):\(digest)" : "\(prefix):\(record.identity):\(record.changedAt):\(digest)"
    }
}
