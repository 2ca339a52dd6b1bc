import LooseJSON

/// A shared location (`messages[].location`).
public struct WhatsAppLocation: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
    public var name: String?
    public var address: String?
    public var url: String?

    public init(latitude: Double, longitude: Double, name: String? = nil, address: String? = nil, url: String? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.name = name
        self.address = address
        self.url = url
    }

    init?(json: JSONValue) {
        guard let latitude = json.double("latitude"), let longitude = json.double("longitude") else { return nil }
        self.init(latitude: latitude, longitude: longitude, name: json.string("name"), address: json.string("address"), url: json.string("url"))
    }
}
