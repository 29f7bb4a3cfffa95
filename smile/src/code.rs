//! The envelope's `code`: Smile's request status codes.

wire_enum! {
    /// Request status code (`ObjectMetadataRefCode`), carried in every response envelope.
    pub enum ResponseCode {
        Ok = "OK",
        Created = "CREATED",
        InvalidCredentials = "INVALID_CREDENTIALS",
        InvalidParameters = "INVALID_PARAMETERS",
        InvalidToken = "INVALID_TOKEN",
        UnauthorizedAccess = "UNAUTHORIZED_ACCESS",
        MissingResource = "MISSING_RESOURCE",
        RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED",
        ServerError = "SERVER_ERROR",
        UnsupportedMethod = "UNSUPPORTED_METHOD",
        ServerUnavailable = "SERVER_UNAVAILABLE",
        TimeLimitExceeded = "TIME_LIMIT_EXCEEDED",
        /// Listed in Smile's error table (HTTP 415) but missing from the spec's enum.
        UnsupportedType = "UNSUPPORTED_TYPE",
    }
}

impl ResponseCode {
    /// The HTTP status Smile pairs with this code (its documented error table).
    ///
    /// Success codes map to 200/201; an unknown code maps to 500.
    pub fn http_status(&self) -> u16 {
        match self {
            ResponseCode::Ok => 200,
            ResponseCode::Created => 201,
            ResponseCode::InvalidCredentials | ResponseCode::InvalidParameters => 400,
            ResponseCode::InvalidToken => 401,
            ResponseCode::UnauthorizedAccess => 403,
            ResponseCode::MissingResource => 404,
            ResponseCode::UnsupportedType => 415,
            ResponseCode::RequestLimitExceeded => 429,
            ResponseCode::ServerError | ResponseCode::Unknown(_) => 500,
            ResponseCode::UnsupportedMethod => 501,
            ResponseCode::ServerUnavailable => 503,
            ResponseCode::TimeLimitExceeded => 504,
        }
    }

    /// Smile's standard `message` for this code (from its documentation).
    pub fn default_message(&self) -> &'static str {
        match self {
            ResponseCode::Ok | ResponseCode::Created => "Success",
            ResponseCode::InvalidCredentials => "The credentials you provided are incorrect.",
            ResponseCode::InvalidParameters => {
                "Missing or invalid parameters were sent in your request."
            }
            ResponseCode::InvalidToken => "The token you provided is invalid or has expired.",
            ResponseCode::UnauthorizedAccess => {
                "You do not have permission to access this resource."
            }
            ResponseCode::MissingResource => {
                "The resource you provided cannot be found or is unavailable."
            }
            ResponseCode::UnsupportedType => {
                "Please specify a valid content type for your request."
            }
            ResponseCode::RequestLimitExceeded => {
                "You have exceeded your rate limit for this resource. Please try again later or contact support."
            }
            ResponseCode::ServerError | ResponseCode::Unknown(_) => {
                "Our system is currently experiencing issues. Please try again later or contact support."
            }
            ResponseCode::UnsupportedMethod => {
                "The HTTP method you used is not supported for this resource."
            }
            ResponseCode::ServerUnavailable => {
                "The server is not available to handle the request. It may be down or under maintenance."
            }
            ResponseCode::TimeLimitExceeded => {
                "The server was not able to give a response in the allotted time."
            }
        }
    }

    /// `true` for `OK` and `CREATED`.
    pub fn is_success(&self) -> bool {
        matches!(self, ResponseCode::Ok | ResponseCode::Created)
    }
}
