import ConsonanceKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// What the Consonance and publishing actions share: the record service with its event runtime, the public URL
/// for links, and adding a WebLink to a title at most once.
extension ActionContext {
    func publishingRecords() -> PublishingRecords {
        PublishingRecords(store: store, runtime: events ?? FlowRuntime(store: store, flows: FlowRegistry([])), publicURL: publicURL)
    }

    /// Add a WebLink to `url` on a product of the title, unless one with that URL is already there. Returns the
    /// link id, whether it was created, and the product, or nil when the title has no product in Consonance.
    func addWebLink(productID: Int64?, workID: Int64?, isbn13: String?, url: String, note: String?, role: String = "01",
                    connection: String?) async throws -> (id: Int64, created: Bool, productID: Int64)? {
        guard let consonance else { throw ActionError.permanent("Consonance is not available on this node", response: nil) }
        let (client, _) = try await consonance.client(for: connection)
        var product: ConsonanceProduct?
        if let productID {
            product = try await client.product(id: Int(productID))
        } else if let isbn13 {
            product = try await client.product(isbn13: isbn13)
        } else if let workID {
            product = try await client.work(id: Int(workID))?.products.sorted { $0.id < $1.id }.first
        }
        guard let product else { return nil }
        if let existing = product.webLinks.first(where: { $0.link == url }) { return (Int64(existing.id), false, Int64(product.id)) }
        let link = try await client.createWebLink(productID: product.id, link: url, role: role, note: note, includeInOnix: false)
        sent("consonance.add_weblink")
        return (Int64(link.id), true, Int64(product.id))
    }

    /// The local day, `YYYY-MM-DD`, `days` from now.
    static func isoDay(daysFromNow days: Int) -> String { PublishingRules.isoDay(Date().addingTimeInterval(Double(days) * 86_400)) }
}

extension JSONValue {
    /// The values of a custom-field map as strings (numbers and booleans written plainly).
    var customFieldStrings: [String] {
        guard case .object(let fields) = self else { return [] }
        return fields.keys.sorted().compactMap { key in
            switch fields[key] {
            case .string(let text)?: return text.isEmpty ? nil : text
            case .number(let number)?: return number.rounded() == number ? String(Int64(number)) : String(number)
            default: return nil
            }
        }
    }
}
