// tonic service methods: the decoded message of `Request<T>` is the input.
use domain::{CreateUser, Ping, Search};
use tonic::{Request, Response, Status};
use validator::Validate;

pub struct Users;

#[tonic::async_trait]
impl UserService for Users {
    async fn create(&self, request: Request<CreateUser>) -> Result<Response<()>, Status> { //~ unvalidated-input
        let user = request.into_inner();
        store(user.name);
        Ok(Response::new(()))
    }

    // Validated once taken out of the request.
    async fn create_checked(&self, request: Request<CreateUser>) -> Result<Response<()>, Status> {
        let user = request.into_inner();
        user.validate()
            .map_err(|e| Status::invalid_argument(e.to_string()))?;
        store(user.name);
        Ok(Response::new(()))
    }

    // Validated in place.
    async fn search(&self, request: Request<Search>) -> Result<Response<()>, Status> {
        request
            .get_ref()
            .validate()
            .map_err(|e| Status::invalid_argument(e.to_string()))?;
        Ok(Response::new(()))
    }

    // Not a `Validate` message.
    async fn ping(&self, request: Request<Ping>) -> Result<Response<()>, Status> {
        let _ = request.into_inner().n;
        Ok(Response::new(()))
    }

    // Another request's validation does not cover this one.
    async fn search_other(&self, request: Request<Search>) -> Result<Response<()>, Status> { //~ unvalidated-input
        let other = CreateUser { name: String::new() };
        other.validate().ok();
        let _ = request.into_inner();
        Ok(Response::new(()))
    }
}

// `http::Request<T>` is no tonic message.
pub fn raw(request: http::Request<CreateUser>) -> CreateUser {
    request.into_body()
}
