import LooseJSON

/// A webhook item that could not be read, kept with its raw JSON so the caller can report or quarantine it.
///
/// Exists because one malformed message must never cost the other items of a delivery: decoding is lossy per item,
/// and everything dropped is listed here (``WhatsAppWebhook/skipped``) instead of disappearing silently.
public struct WhatsAppSkippedItem: Sendable, Hashable, CustomStringConvertible {
    /// Where the item sat, e.g. `entry[0].changes[1].value.messages[2]`.
    public var path: String
    public var reason: String
    public var raw: JSONValue

    public init(path: String, reason: String, raw: JSONValue) {
        self.path = path
        self.reason = reason
        self.raw = raw
    }

    public var description: String { "\(path): \(reason)" }
}

/// Collects skipped items while a webhook is read.
struct SkipLog {
    var items: [WhatsAppSkippedItem] = []

    /// Read each element of `values` with `read`, keeping those that succeed and logging the rest under `path[i]`.
    mutating func lossy<T>(_ values: [JSONValue], path: String, _ read: (JSONValue, String) throws -> T) -> [T] {
        var results: [T] = []
        results.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            let itemPath = "\(path)[\(index)]"
            do {
                results.append(try read(value, itemPath))
            } catch let problem as ItemProblem {
                items.append(WhatsAppSkippedItem(path: itemPath, reason: problem.reason, raw: value))
            } catch {
                items.append(WhatsAppSkippedItem(path: itemPath, reason: String(describing: error), raw: value))
            }
        }
        return results
    }
}
