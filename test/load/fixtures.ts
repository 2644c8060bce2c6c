/** A Service whose selector matches nothing (`wbe`), the manifest the load tests read and locate in. */
export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: wbe
  ports:
  - name: http
    port: 80
    targetPort: http
`;
