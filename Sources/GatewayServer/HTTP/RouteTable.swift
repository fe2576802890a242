/// The routes of openapi.yaml by path shape, to tell "no such path" (404) from "no such
/// method on this path" (405 with `Allow`).
enum RouteTable {
    private static let routes: [(segments: [String], methods: [String])] = [
        (["instances", "*", "backups"], ["GET", "POST"]),
        (["instances", "*", "restores"], ["POST"]),
        (["instances", "*"], ["GET"]),
        (["operations", "*"], ["GET"]),
        (["operations"], ["GET"]),
        (["providers"], ["GET"]),
        (["audit-events"], ["GET"]),
        (["healthz"], ["GET"]),
        (["readyz"], ["GET"]),
        (["metrics"], ["GET"]),
        (["openapi.yaml"], ["GET"]),
    ]

    /// The methods a path accepts, or nil when no route has this shape.
    static func allowedMethods(forPath path: String) -> [String]? {
        let segments = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/").map(String.init) } ?? []
        for route in routes where route.segments.count == segments.count {
            if zip(route.segments, segments).allSatisfy({ $0 == "*" || $0 == $1 }) {
                return route.methods
            }
        }
        return nil
    }
}
