import Foundation
import Sandbox
import SwitchboardStore

/// Compares what a store mirrored from a Zendesk sandbox with what the sandbox holds.
///
/// Returns the differences as readable lines (empty when the mirror is exact): ids, `updated_at`, comment counts,
/// tags. The primary keys already rule out duplicate rows; counts are compared too, to catch missing ones.
public enum MirrorComparison {
    public static func differences(store: Store, connection: String, sandbox: ZendeskSandbox, includeComments: Bool = true) async throws -> [String] {
        var problems: [String] = []
        let (tickets, users, organizations, commentCounts, tags) = try await store.session { session in
            (try await session.ticketVersions(connection: connection), try await session.userVersions(connection: connection),
             try await session.organizationVersions(connection: connection), try await session.commentCounts(connection: connection),
             try await session.distinctTags(connection: connection))
        }
        func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
        compare("tickets", tickets, sandbox.ticketSummaries().map { MirrorRecordVersion(id: $0.id, updatedAt: seconds($0.updatedAt)) }, into: &problems)
        compare("users", users, sandbox.userSummaries().map { MirrorRecordVersion(id: $0.id, updatedAt: seconds($0.updatedAt)) }, into: &problems)
        compare("organizations", organizations, sandbox.organizationSummaries().map { MirrorRecordVersion(id: $0.id, updatedAt: seconds($0.updatedAt)) }, into: &problems)
        if includeComments {
            var expected: [Int64: Int] = [:]
            for ticket in sandbox.ticketSummaries() where ticket.commentCount > 0 { expected[ticket.id] = ticket.commentCount }
            let wrong = expected.filter { commentCounts[$0.key] != $0.value }.keys.sorted()
            let extra = commentCounts.keys.filter { expected[$0] == nil }.sorted()
            if !wrong.isEmpty { problems.append("comment counts differ on \(wrong.count) tickets, e.g. \(wrong.prefix(5).map { "#\($0): mirror \(commentCounts[$0] ?? 0), sandbox \(expected[$0]!)" })") }
            if !extra.isEmpty { problems.append("comments on tickets the sandbox has none for: \(extra.prefix(5))") }
            let total = commentCounts.values.reduce(0, +)
            if total != sandbox.commentCount() { problems.append("comment total: mirror \(total), sandbox \(sandbox.commentCount())") }
        }
        let liveTags = sandbox.distinctTags()
        if !liveTags.isSubset(of: tags) { problems.append("tags missing from the mirror: \(liveTags.subtracting(tags).sorted().prefix(10))") }
        return problems
    }

    private static func compare(_ name: String, _ mirror: [MirrorRecordVersion], _ truth: [MirrorRecordVersion], into problems: inout [String]) {
        if mirror.count != truth.count { problems.append("\(name): mirror has \(mirror.count), sandbox has \(truth.count)") }
        let byID = Dictionary(mirror.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = truth.filter { byID[$0.id] == nil }
        let stale = truth.filter { expected in byID[expected.id].map { $0.updatedAt != expected.updatedAt } ?? false }
        if !missing.isEmpty { problems.append("\(name): \(missing.count) missing, e.g. \(missing.prefix(5).map(\.id))") }
        if !stale.isEmpty { problems.append("\(name): \(stale.count) with a different updated_at, e.g. \(stale.prefix(3).map { "\($0.id): sandbox \($0.updatedAt ?? 0), mirror \(byID[$0.id]?.updatedAt ?? 0)" })") }
    }
}
