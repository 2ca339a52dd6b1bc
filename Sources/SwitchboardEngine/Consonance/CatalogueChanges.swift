import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Compares a polled work with the snapshot stored for it and names what changed, as `consonance` events:
/// `product.pub_date_changed`, `product.status_changed`, `rights.changed` and `work.stage_changed`.
///
/// `changedSince` over-reports ("probably changed"), so only a real difference in a compared field is an event.
/// Event ids carry the poll pass: the snapshot and the events commit together, so a page seen again after a crash
/// has no difference left, while the same value coming back in a later pass (A → B → A → B) is news again.
struct CatalogueChanges {
    let connection: String
    let pass: String

    func events(old: CatalogueWork?, oldProducts: [CatalogueProduct], new: CatalogueSnapshot.Rows, at now: Date) -> [Event] {
        guard let old else { return [] }  // a work Switchboard never saw is not a change
        var events: [Event] = []
        let workContext = Self.workContext(new.work, products: new.products)
        if old.stage != new.work.stage {
            events.append(event("work.stage_changed", id: "work:\(new.work.id):stage:\(new.work.stage ?? "none")", at: now, context: [
                "work": workContext, "change": change("stage", old.stage, new.work.stage),
            ]))
        }
        let previous = Dictionary(oldProducts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for product in new.products {
            guard let before = previous[product.id] else { continue }
            let productContext = product.data
            if before.publicationDate != product.publicationDate {
                var difference = change("publication_date", before.publicationDate, product.publicationDate)
                difference = Self.with(difference, "direction", .string(Self.direction(before.publicationDate, product.publicationDate)))
                events.append(event("product.pub_date_changed", id: "product:\(product.id):publication_date:\(product.publicationDate ?? "none")", at: now,
                                    context: ["product": productContext, "work": workContext, "change": difference]))
            }
            if before.status != product.status {
                events.append(event("product.status_changed", id: "product:\(product.id):status:\(product.status ?? "none")", at: now,
                                    context: ["product": productContext, "work": workContext, "change": change("status", before.status, product.status)]))
            }
            let rightsBefore = Self.rights(before.data), rightsAfter = Self.rights(product.data)
            if rightsBefore != rightsAfter {
                events.append(event("rights.changed", id: "product:\(product.id):rights:\(CatalogueSnapshot.digest(rightsAfter))", at: now,
                                    context: ["product": productContext, "work": workContext, "change": .object([
                                        "field": .string("sales_rights"), "previous": rightsBefore, "current": rightsAfter,
                                    ])]))
            }
        }
        return events
    }

    func event(_ type: String, id: String, at now: Date, context: [String: JSONValue]) -> Event {
        Event(source: ConsonancePoller.source, type: type, externalID: "\(connection):\(id)@\(pass)", connection: connection, occurredAt: now, context: .object(context))
    }

    func change(_ field: String, _ previous: String?, _ current: String?) -> JSONValue {
        .object(["field": .string(field), "previous": previous.map(JSONValue.string) ?? .null, "current": current.map(JSONValue.string) ?? .null])
    }

    static func with(_ value: JSONValue, _ key: String, _ item: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        fields[key] = item
        return .object(fields)
    }

    static func direction(_ previous: String?, _ current: String?) -> String {
        switch (previous, current) {
        case (nil, _): return "set"
        case (_, nil): return "removed"
        case (let before?, let after?): return after > before ? "later" : "earlier"
        }
    }

    static func rights(_ data: JSONValue) -> JSONValue {
        .object(["for_sale": data["for_sale"] ?? .array([]), "not_for_sale": data["not_for_sale"] ?? .array([]), "worldwide": data["worldwide"] ?? .bool(false)])
    }

    /// The work as flows read it (``EventSchemas/work``).
    static func workContext(_ work: CatalogueWork, products: [CatalogueProduct]) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .number(Double(work.id)), "title": .string(work.title)]
        fields["subtitle"] = work.subtitle.map(JSONValue.string) ?? .null
        fields["stage"] = work.stage.map(JSONValue.string) ?? .null
        fields["imprint"] = work.imprint.map(JSONValue.string) ?? .null
        fields["url"] = work.data["url"] ?? .null
        fields["isbn13"] = products.compactMap(\.isbn13).first.map(JSONValue.string) ?? .null
        return .object(fields)
    }
}
