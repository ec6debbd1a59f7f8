use std::io::Write;

use dev_api::config::{ArgsError, Config, USAGE};

#[tokio::main]
async fn main() {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(ArgsError::Help) => {
            println!("{USAGE}");
            return;
        }
        Err(error) => {
            eprintln!("dev-api: {error}");
            std::process::exit(2);
        }
    };
    if let Err(message) = config.check_exposure() {
        eprintln!("{message}");
        std::process::exit(2);
    }
    let address = format!("{}:{}", config.host, config.port);
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("dev-api: cannot listen on {address}: {e}");
            std::process::exit(1);
        }
    };
    if !config.dist.join("index.html").exists() {
        eprintln!("dev-api: no {}/index.html; serving the API only", config.dist.display());
    }
    // A closed stdout is no reason not to serve.
    let _ = writeln!(
        std::io::stdout(),
        "dev-api listening on http://{address} (API {}, app {})",
        config.api_base,
        config.base_path
    );
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let limits = config.limits;
    dev_api::serve::serve(listener, dev_api::app(config), limits, shutdown).await;
}
