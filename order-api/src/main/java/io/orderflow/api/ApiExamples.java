package io.orderflow.api;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.examples.Example;

/**
 * The examples of the OpenAPI document: a request placing an order, the order it answers,
 * and two problems. Written as the JSON a client sends and receives.
 */
final class ApiExamples {

	static final String PLACE_ORDER = "PlaceOrder";

	static final String ORDER = "Order";

	static final String INVALID_REQUEST = "InvalidRequest";

	static final String ORDER_NOT_FOUND = "OrderNotFound";

	private ApiExamples() {
	}

	static Map<String, Example> all() {
		return Map.of(PLACE_ORDER, example("Two of one item, to be paid within 30 minutes", """
				{"customerId": "c-42", "currency": "CNY",
				 "items": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.90"}],
				 "paymentTimeout": "PT30M",
				 "deliveryAddress": {"recipientName": "李雷", "phone": "+86 138 0013 8000", "country": "CN",
				                     "region": "广东省", "city": "深圳市", "district": "南山区",
				                     "lines": ["科技园南区 1 号楼 8 层"], "postalCode": "518057"}}"""), ORDER,
				example("An order awaiting payment",
						"""
								{"orderNo": "01M81SYQ2ZMP0N2X3CFNSKHRC1", "customerId": "c-42", "status": "PENDING_PAYMENT",
								 "cancelReason": null, "currency": "CNY", "totalAmount": "39.80",
								 "items": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.90", "lineTotal": "39.80"}],
								 "createdAt": "2026-11-22T14:18:25.247Z", "paymentDeadline": "2026-11-22T14:48:25.247Z",
								 "paidAt": null, "cancelledAt": null, "shipment": null, "completedAt": null, "completedBy": null,
								 "inventoryStatus": null, "version": 1,
								 "deliveryAddress": {"recipientName": "李雷", "phone": "+86 138 0013 8000", "country": "CN",
								                     "region": "广东省", "city": "深圳市", "district": "南山区",
								                     "lines": ["科技园南区 1 号楼 8 层"], "postalCode": "518057"},
								 "deliveryAddressErasedAt": null, "paymentReminderSentAt": null}"""),
				INVALID_REQUEST,
				example("Every invalid field of the body at once",
						"""
								{"title": "Invalid request", "status": 400, "detail": "2 fields are invalid",
								 "instance": "/api/orders",
								 "errors": [{"field": "customerId", "message": "must not be blank"},
								            {"field": "items[0].quantity", "message": "must be greater than or equal to 1"}]}"""),
				ORDER_NOT_FOUND, example("No such order, or another customer's",
						"""
								{"title": "Order not found", "status": 404, "detail": "There is no order 01M81SYQ2ZMP0N2X3CFNSKHRC1",
								 "instance": "/api/orders/01M81SYQ2ZMP0N2X3CFNSKHRC1"}"""));
	}

	static String ref(String name) {
		return "#/components/examples/" + name;
	}

	private static Example example(String summary, String json) {
		try {
			return new Example().summary(summary).value(Json31.mapper().readTree(json));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Example '" + summary + "' is not JSON", ex);
		}
	}

}
