-- Rules shops expect of an order: a version against lost updates, a delivery address,
-- payment reminders, and callbacks for orders that expect no payment.

-- version: incremented by every change of an order that its readers can see; the API's
-- ETag and every event carry it.
-- delivery_*: what the warehouse needs to ship the order; personal data, erased on request
-- (the order is kept, delivery_address_erased_at says when its address went).
-- delivery_lines: one to three address lines joined by line breaks (a line holds no
-- control characters).
ALTER TABLE orders
    ADD COLUMN version                    bigint       NOT NULL DEFAULT 1,
    ADD COLUMN delivery_recipient         varchar(100),
    ADD COLUMN delivery_phone             varchar(32),
    ADD COLUMN delivery_country           char(2),
    ADD COLUMN delivery_region            varchar(100),
    ADD COLUMN delivery_city              varchar(100),
    ADD COLUMN delivery_district          varchar(100),
    ADD COLUMN delivery_lines             varchar(610),
    ADD COLUMN delivery_postal_code       varchar(16),
    ADD COLUMN delivery_address_erased_at timestamptz,
    ADD COLUMN payment_reminder_sent_at   timestamptz,
    ADD CONSTRAINT orders_delivery_address_complete_check
        CHECK ((delivery_recipient IS NULL) = (delivery_phone IS NULL)
           AND (delivery_recipient IS NULL) = (delivery_country IS NULL)
           AND (delivery_recipient IS NULL) = (delivery_city IS NULL)
           AND (delivery_recipient IS NULL) = (delivery_lines IS NULL));

ALTER TABLE payment_anomaly
    DROP CONSTRAINT payment_anomaly_kind_check,
    ADD CONSTRAINT payment_anomaly_kind_check
        CHECK (kind IN ('UNKNOWN_ORDER', 'AMOUNT_MISMATCH', 'NO_PAYMENT_EXPECTED'));
