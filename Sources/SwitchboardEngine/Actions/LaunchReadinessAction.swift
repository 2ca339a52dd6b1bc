import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `switchboard.check_launch_readiness`: is a title's launch checklist complete — a milestone of each listed kind
/// (cover files, jacket copy, metadata by default) exists for it and is done? The first time the answer is yes, a
/// `title.launch_ready` event is raised (its external id names the title, so this happens once per title however
/// often the check runs) and `first` is true, which is what lets a flow tell marketing, publicity and sales once.
struct CheckLaunchReadinessAction: FlowAction {
    let name = "switchboard.check_launch_readiness"
    static let defaultChecklist = ["cover_files", "jacket_copy", "metadata"]

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let workID = try input.optionalInteger("work_id")
        var isbns: [String] = []
        if let isbn = input.optionalText("isbn13") {
            guard let parsed = ISBN(isbn) else { throw ActionError.permanent("\(name): parameter isbn13: \"\(isbn)\" is not a valid ISBN", response: nil) }
            isbns.append(parsed.isbn13)
        }
        guard workID != nil || !isbns.isEmpty else { throw ActionError.permanent("\(name): give work_id or isbn13", response: nil) }
        let checklist = input.strings("checklist").isEmpty ? Self.defaultChecklist : input.strings("checklist")
        let (milestones, products) = try await context.store.session { [isbns] session in
            var products: [CatalogueProduct] = []
            for isbn in isbns { products += try await session.catalogueProducts(isbn13: isbn) }
            if let workID {
                for connection in Set(products.map(\.connection)).union(products.isEmpty ? [ConsonanceConnections.defaultName] : []) {
                    products += try await session.catalogueProducts(connection: connection, workIDs: [workID])
                }
            }
            let allISBNs = Array(Set(isbns + products.compactMap(\.isbn13))).sorted()
            return (try await session.milestones(workID: workID ?? products.first?.workID, isbn13s: allISBNs), products)
        }
        let missing = checklist.filter { kind in !milestones.contains { $0.kind == kind && $0.status == "done" } }
        let titleWork = workID ?? products.first?.workID ?? milestones.compactMap(\.workID).first
        let isbn13 = isbns.first ?? products.compactMap(\.isbn13).sorted().first ?? milestones.compactMap(\.isbn13).first
        let title = milestones.compactMap(\.title).first ?? products.first?.title ?? input.optionalText("title") ?? isbn13 ?? "work \(titleWork ?? 0)"
        let publication = Self.publicationDate(products: products, milestones: milestones)
        var first = false
        if missing.isEmpty, let runtime = context.events {
            let key = titleWork.map { "work:\($0)" } ?? "isbn:\(isbn13 ?? "")"
            let event = Event(source: PublishingRecords.source, type: "title.launch_ready", externalID: "launch_ready:\(key)", context: .object([
                "launch": .object(["work_id": titleWork.map { .number(Double($0)) } ?? .null, "isbn13": isbn13.map(JSONValue.string) ?? .null,
                                   "title": .string(title), "publication_date": publication.map(JSONValue.string) ?? .null,
                                   "checklist": .array(checklist.map(JSONValue.string))]),
            ]))
            if case .accepted = try await runtime.ingest(event) { first = true }
        }
        return .object([
            "ready": .bool(missing.isEmpty), "first": .bool(first), "missing": .array(missing.map(JSONValue.string)), "title": .string(title),
            "isbn13": isbn13.map(JSONValue.string) ?? .null, "work_id": titleWork.map { .number(Double($0)) } ?? .null,
            "publication_date": publication.map(JSONValue.string) ?? .null,
        ])
    }

    /// The earliest publication date among the title's products, else its publication milestone's date.
    static func publicationDate(products: [CatalogueProduct], milestones: [PublishingMilestone]) -> String? {
        products.compactMap(\.publicationDate).min() ?? milestones.first { $0.kind == "publication" }?.dueOn
    }
}
