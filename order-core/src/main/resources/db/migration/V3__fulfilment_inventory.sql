-- Shipping, receipt and completion of paid orders; inventory's answers; the inbox that
-- deduplicates inbound messages.

ALTER TABLE orders
    ADD COLUMN carrier                varchar(64),
    ADD COLUMN tracking_no            varchar(64),
    ADD COLUMN shipped_at             timestamptz,
    ADD COLUMN auto_complete_at       timestamptz,
    ADD COLUMN completed_at           timestamptz,
    ADD COLUMN completed_by           varchar(10),
    ADD COLUMN inventory_status       varchar(10),
    ADD COLUMN inventory_updated_at   timestamptz,
    ADD CONSTRAINT orders_completed_by_check CHECK (completed_by IN ('CUSTOMER', 'AUTO')),
    ADD CONSTRAINT orders_inventory_status_check CHECK (inventory_status IN ('RESERVED', 'REJECTED')),
    ADD CONSTRAINT orders_shipped_has_shipment_check
        CHECK (status NOT IN ('SHIPPED', 'COMPLETED') OR (shipped_at IS NOT NULL AND auto_complete_at IS NOT NULL)),
    ADD CONSTRAINT orders_completed_has_completion_check
        CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL AND completed_by IS NOT NULL));

-- Lets a safety net find shipped orders whose auto-completion is overdue.
CREATE INDEX orders_shipped_auto_complete_idx ON orders (auto_complete_at)
    WHERE status = 'SHIPPED';

-- Inbound messages already handled, by AMQP message id: a redelivered or duplicated message
-- changes nothing.
CREATE TABLE inbox_message (
    message_id  varchar(255) NOT NULL,
    type        varchar(100) NOT NULL,
    received_at timestamptz  NOT NULL,
    CONSTRAINT inbox_message_pkey PRIMARY KEY (message_id)
);
