package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded S3 Event Notification messages (the shapes SQS delivers) and the drive logs they announce. */
class S3EventMessageTest {

    /** One record as S3 writes it (event structure version 2.1); {@code key} URL-encoded as S3 sends it. */
    static String record(String eventName, String bucket, String key, String etag, long size) {
        return """
                {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventTime":"2026-12-07T21:00:00.000Z","eventName":"%s",
                 "userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},"requestParameters":{"sourceIPAddress":"10.0.0.7"},
                 "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQ"},
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"drive-logs-raw",
                       "bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},
                                 "arn":"arn:aws:s3:::%s"},
                       "object":{"key":"%s","size":%d,"eTag":"%s","sequencer":"0055AED6DCD90281E5"}}}
                """.formatted(eventName, bucket, bucket, key, size, etag);
    }

    static String message(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    @Test
    void anObjectCreatedRecordUnderRawVehicleIsADriveLogWithItsDecodedKeyAndTheQuotedEtag() {
        String body = message(record("ObjectCreated:Put", "drive-logs", "raw/car-7/2026%2F12/drive+1.MF4",
                "d41d8cd98f00b204e9800998ecf8427e", 3081195));

        List<DriveLogCatalog.ListedObject> created = S3EventMessage.createdDriveLogs(body, "drive-logs");

        assertThat(created).containsExactly(new DriveLogCatalog.ListedObject(
                new RawObjectKey("raw/car-7/2026/12/drive 1.MF4", "car-7", "drive 1.MF4"),
                "\"d41d8cd98f00b204e9800998ecf8427e\"", 3081195));
    }

    @Test
    void otherKeysOtherEventsOtherBucketsAndTheTestEventAnnounceNothing() {
        String body = message(
                record("ObjectCreated:Put", "drive-logs", "dbc/car-7/vehicle.dbc", "aa", 10),
                record("ObjectCreated:Copy", "drive-logs", "raw/no-vehicle.log", "bb", 10),
                record("ObjectCreated:Put", "drive-logs", "derived/signals/vehicle%3Dcar-7/1.parquet", "cc", 10),
                record("ObjectRemoved:Delete", "drive-logs", "raw/car-7/gone.mf4", "dd", 0),
                record("ObjectCreated:Put", "other-bucket", "raw/car-7/x.mf4", "ee", 10),
                record("ObjectCreated:CompleteMultipartUpload", "drive-logs", "raw/car-7/big.mf4", "ff-2", 99));
        assertThat(S3EventMessage.createdDriveLogs(body, "drive-logs")).extracting(o -> o.key().key())
                .containsExactly("raw/car-7/big.mf4");
        String test = """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-07T21:00:00.000Z",
                 "Bucket":"drive-logs","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3e"}""";
        assertThat(S3EventMessage.createdDriveLogs(test, "drive-logs")).isEmpty();
    }

    @Test
    void anEventDeliveredThroughSnsIsUnwrapped() {
        String event = message(record("ObjectCreated:Put", "drive-logs", "raw/car-9/a.log", "abc", 42));
        String sns = "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\","
                + "\"Message\":" + DriveLogCatalog.JSON.valueToTree(event) + "}";
        assertThat(S3EventMessage.createdDriveLogs(sns, "drive-logs")).extracting(o -> o.key().vehicle())
                .containsExactly("car-9");
    }

    @Test
    void aBodyThatIsNoS3EventNamesWhatIsWrong() {
        assertThatThrownBy(() -> S3EventMessage.createdDriveLogs("{\"Records\": [", "drive-logs"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the message body is not JSON")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> S3EventMessage.createdDriveLogs("{\"hello\":1}", "drive-logs"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Records array");
        String noKey = message(record("ObjectCreated:Put", "drive-logs", "raw/car-7/a.log", "aa", 1)
                .replace("\"key\":\"raw/car-7/a.log\",", ""));
        assertThatThrownBy(() -> S3EventMessage.createdDriveLogs(noKey, "drive-logs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Records[0].s3.object.key missing or not a string");
    }
}
