/// An API 2.0 error answer: `{"code": N, "message": "…", "codeDesc": "…"}` with HTTP 200.
struct TencentLegacyAPIError: Error, Sendable, Equatable {
    /// The common code (4000…6200), or — for module errors — the common code shape (a) carries.
    var code: Int
    var message: String
    var codeDesc: String
    /// The Redis module number (10701, 11201, …) for business errors.
    var moduleCode: Int?

    init(code: Int, message: String, codeDesc: String, moduleCode: Int? = nil) {
        self.code = code
        self.message = message
        self.codeDesc = codeDesc
        self.moduleCode = moduleCode
    }

    /// The envelope fields in the configured shape.
    func envelope(shape: TencentLegacyModuleErrorShape) -> SimulatorJSON {
        guard let moduleCode else {
            return ["code": .int(Int64(code)), "message": .string(message), "codeDesc": .string(codeDesc)]
        }
        switch shape {
        case .commonCodeWithPrefix:
            return [
                "code": .int(Int64(code)),
                "message": .string("(\(moduleCode))\(message)"),
                "codeDesc": .string(codeDesc),
            ]
        case .moduleCode:
            return ["code": .int(Int64(moduleCode)), "message": .string(message), "codeDesc": .string(codeDesc)]
        }
    }

    /// The code the request log records (the module number for module errors).
    var recordedCode: String { String(moduleCode ?? code) }

    // MARK: Common codes (tencent.md §6.2)

    static func missingParameter(_ name: String) -> Self {
        Self(code: 4000, message: "missing required parameter: \(name)", codeDesc: "MissingParameter")
    }

    static func invalidParameter(_ message: String) -> Self {
        Self(code: 4000, message: message, codeDesc: "InvalidParameter")
    }

    static let signatureFailure = Self(code: 4100, message: "authentication failed", codeDesc: "AuthFailure.SignatureFailure")
    static let secretIdNotFound = Self(code: 4104, message: "SecretId does not exist", codeDesc: "AuthFailure.SecretIdNotFound")
    static let tokenFailure = Self(code: 4105, message: "token error", codeDesc: "AuthFailure.TokenFailure")

    static func expired(_ message: String) -> Self {
        Self(code: 4500, message: message, codeDesc: "RequestReplay")
    }

    static func requestLimitExceeded(_ message: String) -> Self {
        Self(code: 4400, message: message, codeDesc: "RequestLimitExceeded")
    }

    static func unknownAction(_ action: String) -> Self {
        Self(code: 6100, message: "action \(action) is not supported by this version (check the domain)", codeDesc: "InvalidAction")
    }

    static func unsupportedRegion(_ region: String) -> Self {
        Self(code: 4000, message: "region \(region) is not supported", codeDesc: "InvalidRegion")
    }

    // MARK: Redis module codes

    static func module(_ number: Int, _ message: String) -> Self {
        let (common, codeDesc) = moduleCodes[number] ?? (5100, "FailedOperation")
        return Self(code: common, message: message, codeDesc: codeDesc, moduleCode: number)
    }

    /// Module number → (the common code shape (a) uses, codeDesc).
    static let moduleCodes: [Int: (Int, String)] = [
        11201: (4000, "InvalidParameter"),
        10701: (5100, "InstanceNotExists"),
        10702: (5100, "InstanceStatusAbnormal"),
        10707: (5100, "InstanceLockedError"),
        10710: (5100, "BackupLockedError"),
        10711: (5100, "BackupStatusAbnormal"),
        10712: (5100, "PasswordError"),
        11213: (5100, "BackupNotExists"),
    ]

    static func invalidBusinessParameter(_ message: String) -> Self { module(11201, message) }
    static let instanceNotExists = module(10701, "instance not exists")
    static let instanceStatusAbnormal = module(10702, "instance status abnormal")
    static let instanceLocked = module(10707, "instance is locked by another task, retry later")
    static let backupLocked = module(10710, "backup is locked by another task")
    static let backupStatusAbnormal = module(10711, "backup status abnormal (expired or deleted)")
    static let passwordError = module(10712, "password error")
    static let backupNotExists = module(11213, "backup not exists")

    /// codeDesc of the common codes, for injected `error` faults.
    static let commonCodeDescs: [Int: String] = [
        4000: "InvalidParameter", 4100: "AuthFailure", 4101: "UnauthorizedOperation", 4102: "UnauthorizedOperation",
        4103: "UnauthorizedOperation", 4104: "AuthFailure.SecretIdNotFound", 4105: "AuthFailure.TokenFailure",
        4106: "AuthFailure.MFAFailure", 4110: "AuthFailure", 4200: "RequestExpired", 4300: "AccessDenied",
        4400: "RequestLimitExceeded", 4500: "RequestReplay", 4600: "UnsupportedProtocol", 5000: "ResourceNotFound",
        5100: "FailedOperation", 5200: "PurchaseFailed", 5300: "InsufficientBalance", 5400: "PartialSuccess",
        5500: "QualificationCheckFailed", 6000: "InternalError", 6100: "InvalidAction", 6200: "ServiceUnavailable",
    ]

    /// An injected `error(code:message:)` fault: a numeric code is used as is (a module number
    /// becomes a module error in the configured shape); other text becomes the `codeDesc` of a
    /// 5100 answer.
    static func injected(code: String, message: String) -> Self {
        guard let number = Int(code) else {
            return Self(code: 5100, message: message, codeDesc: code)
        }
        if moduleCodes[number] != nil || number >= 10_000 {
            return module(number, message)
        }
        return Self(code: number, message: message, codeDesc: commonCodeDescs[number] ?? "Error")
    }
}
