import ConsonanceKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// What the Consonance and publishing actions share: the record service (with its event runtime, public URL and
/// title linker) and the day arithmetic of due dates.
extension ActionContext {
    func publishingRecords() -> PublishingRecords {
        PublishingRecords(store: store, runtime: events ?? FlowRuntime(store: store, flows: FlowRegistry([])), publicURL: publicURL,
                          linker: consonance.map { TitleLinker(consonance: $0) })
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
