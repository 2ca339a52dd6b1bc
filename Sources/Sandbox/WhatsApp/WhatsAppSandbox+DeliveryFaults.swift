extension WhatsAppSandbox {
    /// The next `fault.count` accepted messages (to `fault.recipient`, or to anyone) are answered 200 and then
    /// reported `failed` with the fault's code by status webhook (queued after earlier delivery faults).
    public func injectDeliveryFault(_ fault: WhatsAppDeliveryFault) {
        services.state.withLock { $0.deliveryFaults.append(fault) }
    }

    public func pendingDeliveryFaults() -> [WhatsAppDeliveryFault] {
        services.state.withLock { $0.deliveryFaults }
    }

    public func clearDeliveryFaults() {
        services.state.withLock { $0.deliveryFaults.removeAll() }
    }
}

extension WhatsAppAdminJSON {
    static func deliveryFault(_ fault: WhatsAppDeliveryFault, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("count", fault.count)
        writer.field("code", fault.code)
        writer.field("details", fault.details)
        writer.field("wa_id", fault.recipient)
        writer.endObject()
    }
}
