package org.qingfeng.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code qingfeng.fhir.sources[i].auth.*}: how Qingfeng authenticates to a FHIR source. */
public class FhirAuth {

    /** none, bearer (a static token) or smart (SMART backend services: client credentials with a signed JWT). */
    @NotNull
    @Pattern(regexp = "none|bearer|smart", message = "must be none, bearer or smart")
    private String type = "none";

    /** bearer: the static access token. */
    private String token;

    /** smart: the authorization server's token endpoint. */
    private String tokenUrl;

    /** smart: the client id registered with the authorization server. */
    private String clientId;

    /** smart: path of the PKCS#8 PEM file with the RSA private key that signs the client assertion. */
    private String privateKey;

    /** smart: the key id (kid) the authorization server knows the public key by. */
    private String keyId;

    /** smart: the scopes asked for. */
    private String scope = "system/MedicationRequest.read system/MedicationDispense.read";

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }
}
