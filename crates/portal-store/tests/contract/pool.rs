use crate::harness::*;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn pool_stats_count_the_open_connections() {
    on_each_backend("pool_stats_count_the_open_connections", |db| async move {
        let store = db.store.clone();
        store.ping().await.unwrap();
        let stats = store.pool_stats();
        assert!(stats.size >= 1, "the connection the ping used stays open: {stats:?}");
        assert!(stats.size <= stats.max, "{stats:?}");
        assert!(stats.idle <= stats.size, "{stats:?}");

        // A connection goes back to the pool shortly after its query, so at
        // rest every open connection is idle.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let stats = store.pool_stats();
            if stats.idle == stats.size {
                break;
            }
            assert!(Instant::now() < deadline, "connections stay in use at rest: {stats:?}");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
}
