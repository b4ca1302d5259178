-- Serves a customer's orders newest first, paged by (created_at, order_no), without sorting.
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC, order_no DESC);
