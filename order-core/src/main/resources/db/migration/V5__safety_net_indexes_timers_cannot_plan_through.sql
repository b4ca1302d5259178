-- The safety nets find overdue unpaid and shipped orders through these indexes. Their predicates
-- name the columns such an order has (not) filled in rather than its status: an order is unpaid
-- exactly while paid_at and cancelled_at are empty, shipped and not completed exactly while
-- shipped_at is set and completed_at is empty.
--
-- That keeps the due timers' guarded updates (WHERE order_no = ANY(...) AND status = ... AND
-- payment_deadline <= now) from being planned through them. With statistics taken before a flash
-- sale's orders fell due, PostgreSQL estimates that almost no unpaid order is past its deadline
-- and prefers the deadline index: every batch of 500 timers then reads every due order, 50,000 of
-- them in an expiry storm. Through the order number it reads 500.
DROP INDEX orders_pending_payment_deadline_idx;

CREATE INDEX orders_unpaid_deadline_idx ON orders (payment_deadline)
    WHERE paid_at IS NULL AND cancelled_at IS NULL;

DROP INDEX orders_shipped_auto_complete_idx;

CREATE INDEX orders_uncompleted_auto_complete_idx ON orders (auto_complete_at)
    WHERE shipped_at IS NOT NULL AND completed_at IS NULL;
