/**
 * The MQTT broker of the cloud service and the service's own MQTT connection.
 *
 * <p>Public surface: {@link io.fleet.cloud.broker.BrokerSettings} (embedded or external),
 * {@link io.fleet.cloud.broker.MqttBroker#open} / {@link io.fleet.cloud.broker.EmbeddedBroker},
 * {@link io.fleet.cloud.broker.ServiceMqttConnector} (a connected Paho MQTT 5 client with mutual TLS) and
 * {@link io.fleet.cloud.broker.TopicPolicy} (the AWS IoT-style rules). Everything else is package-private.
 *
 * <p>Threads: {@code EmbeddedBroker.start/close} block the caller; HiveMQ runs its own (non-daemon) threads and calls
 * the authenticator and authorizers on its extension executor, where they only do in-memory checks; Paho calls
 * the service's {@code MqttCallback} on its single callback thread.
 *
 * <p>Written here because no library does it: the AWS IoT-style certificate/topic rules as a HiveMQ extension, and
 * turning the PEM files of {@code certs/} into the stores HiveMQ and Paho need.
 */
package io.fleet.cloud.broker;
