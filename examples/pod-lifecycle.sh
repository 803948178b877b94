# A first look at the simulated cluster: nodes, a pod's life, its logs, and deletion.
kubectl get nodes
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  restartPolicy: Never
  containers:
  - name: hello
    image: busybox:1.36
    command: ["sh", "-c", "echo hello; sleep 5; echo bye"]
EOF
kubectl get pods
sim advance 3s
kubectl get pods -o wide
sim advance 10s
kubectl get pods
kubectl logs hello
kubectl delete pod hello
kubectl get pods
sim time
