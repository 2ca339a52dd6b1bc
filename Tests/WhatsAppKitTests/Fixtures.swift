import Foundation

/// Meta's OpenAPI examples and pywa's webhook fixtures, copied under Fixtures/ (see their LICENSE files).
enum Fixture {
    static var root: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures"])
            }
            return url
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: try root.appendingPathComponent(path)))
    }

    /// The `.json` files of one fixture directory, sorted by name.
    static func jsonFiles(in directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: try root.appendingPathComponent(directory).path)
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
    }

    /// Parse with JSONSerialization — independently of the code under test.
    static func foundationJSON(_ bytes: [UInt8]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// Re-serialise a Foundation JSON value, for handing one pywa variant to the decoder as bytes.
    static func bytes(of object: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// Count the records of a webhook envelope the way the decoder should see them: for a `messages` change, its
    /// messages + statuses + errors; any other change counts as one record.
    static func rawRecordCount(_ envelope: Any) -> Int {
        guard let envelope = envelope as? [String: Any], let entries = envelope["entry"] as? [Any] else { return 0 }
        var count = 0
        for case let entry as [String: Any] in entries {
            for case let change as [String: Any] in (entry["changes"] as? [Any]) ?? [] {
                if change["field"] as? String == "messages" {
                    let value = change["value"] as? [String: Any] ?? [:]
                    for key in ["messages", "statuses", "errors"] { count += (value[key] as? [Any])?.count ?? 0 }
                } else {
                    count += 1
                }
            }
        }
        return count
    }
}
